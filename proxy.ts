import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/security-headers";
import { CONFERENCE_SLUG_HEADER, conferenceSlugOfPath, LEGACY_CONFERENCE_SECTIONS } from "@/lib/conference/conference-path";

// Every page answer gets the security headers (lib/security/security-headers.ts) and a fresh CSP
// nonce: Next.js reads it from the request's Content-Security-Policy header and puts it on its own
// scripts (every page is rendered per request: the root layout is force-dynamic).
//
// It also says which conference a page belongs to: the first path segment (`/{conference}/...`)
// goes into a request header, written over any copy the client sent, for the page context
// (app/_lib/page-context.ts) — so every page under app/[conference]/ reads it without threading
// the route param through. Old URLs (`/schedule`, `/talks/x`) are handed to
// app/default-conference/, which redirects them to the default conference.
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (LEGACY_CONFERENCE_SECTIONS.has(pathname.split("/")[1] ?? "")) {
    return NextResponse.rewrite(new URL(`/default-conference${pathname}${search}`, request.url));
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const conferenceSlug = conferenceSlugOfPath(pathname);
  if (conferenceSlug) requestHeaders.set(CONFERENCE_SLUG_HEADER, conferenceSlug);
  else requestHeaders.delete(CONFERENCE_SLUG_HEADER);
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
