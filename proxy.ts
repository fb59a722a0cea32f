import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/security-headers";

// Every page answer gets the security headers (lib/security/security-headers.ts) and a fresh CSP
// nonce: Next.js reads it from the request's Content-Security-Policy header and puts it on its own
// scripts (every page is rendered per request: the root layout is force-dynamic).
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  // Not the build's static files (immutable, served as they are), and not the API: route handlers
  // read their own bodies with limits (app/api/_lib/route.ts), which a proxy would buffer first.
  matcher: [{ source: "/((?!api/|_next/static/|_next/image).*)" }],
};
