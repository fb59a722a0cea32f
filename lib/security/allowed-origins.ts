import { trustedOrigins } from "@/lib/auth/auth";

/**
 * Whether a browser page at `origin` may talk to Plenary with the user's cookies: the same list
 * better-auth trusts (PUBLIC_URL, REALTIME_PUBLIC_URL and the local alias of localhost).
 */
export function isAllowedOrigin(origin: string): boolean {
  return trustedOrigins().includes(origin);
}
