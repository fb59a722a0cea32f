import { AppError } from "@/lib/errors/app-error";
import { allowedOrigins } from "./allowed-origins";

// Cross-site request forgery: a page elsewhere (another site, or another port or subdomain of this
// one, which SameSite=Lax cookies do not tell apart) makes the browser send a state-changing
// request with the user's cookie. Browsers say where a request comes from: `Origin` on every
// non-GET fetch and form post, `Sec-Fetch-Site` on every request of a modern browser. A request
// with neither is not a browser acting for someone (curl, a server, a test), so it has no
// ambient cookie to abuse and is let through.

/** Methods that change nothing: never checked. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RequestOriginInput = {
  method: string;
  /** The `Origin` header, if any. */
  origin: string | null | undefined;
  /** The `Sec-Fetch-Site` header, if any. */
  secFetchSite: string | null | undefined;
  /** Defaults to allowedOrigins(). */
  allowed?: readonly string[];
};

/** Why a request is refused, or null when it may go on. */
export function findOriginProblem({ method, origin, secFetchSite, allowed }: RequestOriginInput): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (origin) {
    // "null" (sandboxed frames, some redirects) is never one of ours.
    return (allowed ?? allowedOrigins()).includes(origin)
      ? null
      : `Requests from ${origin === "null" ? "an opaque origin" : origin} are not accepted`;
  }
  if (secFetchSite && secFetchSite !== "same-origin" && secFetchSite !== "none") {
    return `Requests from another site (${secFetchSite}) are not accepted`;
  }
  return null;
}

/** Throws FORBIDDEN (403) for a state-changing request a page of another origin made. */
export function checkRequestOrigin(input: RequestOriginInput): void {
  const problem = findOriginProblem(input);
  if (problem) throw new AppError("FORBIDDEN", problem);
}

/** The same check for a fetch-API Request (Next.js route handlers). */
export function checkFetchRequestOrigin(request: Request): void {
  checkRequestOrigin({ method: request.method, origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") });
}
