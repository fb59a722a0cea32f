import { env } from "@/lib/config/env";

/**
 * The origins whose pages may act on this deployment: the web app and the realtime server, and on
 * a local machine the localhost/127.0.0.1 twin of each (people open either name). The one list
 * behind better-auth's trustedOrigins, the realtime server's CORS and every origin check.
 */
export function allowedOrigins(): string[] {
  const origins = new Set<string>();
  for (const url of [env.PUBLIC_URL, env.REALTIME_PUBLIC_URL]) {
    const u = new URL(url);
    origins.add(u.origin);
    const twin = u.hostname === "localhost" ? "127.0.0.1" : u.hostname === "127.0.0.1" ? "localhost" : null;
    if (twin) origins.add(`${u.protocol}//${twin}${u.port ? `:${u.port}` : ""}`);
  }
  return [...origins];
}
