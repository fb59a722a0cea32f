import { env } from "@/lib/config/env";
import { allowedOrigins } from "./allowed-origins";

// The headers every page answer carries (set by proxy.ts). The Content-Security-Policy lists what
// the app really loads: Next.js' scripts by a per-request nonce ('strict-dynamic' lets them load
// their chunks and hls.js), socket.io and HLS from the realtime server (also as ws:/wss:), hls.js'
// MediaSource blobs, and the studio's blob worker. Inline style attributes stay allowed (the
// schedule grid positions talks with them); scripts never run inline without the nonce.

function websocketTwin(origin: string): string {
  return origin.replace(/^http/, "ws");
}

export function contentSecurityPolicy({ nonce, development = env.NODE_ENV === "development" }: { nonce: string; development?: boolean }): string {
  const realtime = allowedOrigins().filter((origin) => origin !== new URL(env.PUBLIC_URL).origin);
  const https = env.PUBLIC_URL.startsWith("https://");
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // React needs eval in development only (its error overlays); never in production.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    // Speaker photos may be anywhere on the web (imported from pretalx); data:/blob: for previews.
    ["img-src", "'self'", "data:", "blob:", "https:", ...realtime],
    ["font-src", "'self'", "data:"],
    ["media-src", "'self'", "blob:", ...realtime],
    ["connect-src", "'self'", ...realtime, ...realtime.map(websocketTwin), ...(development ? ["ws:"] : [])],
    ["worker-src", "'self'", "blob:"],
    ["manifest-src", "'self'"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
    ...(https ? [["upgrade-insecure-requests"] as [string]] : []),
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** The headers besides the CSP; HSTS only when people reach the app over https. */
export function securityHeaders(): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    ...(env.PUBLIC_URL.startsWith("https://") ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
