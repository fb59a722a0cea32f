import { safeNextPath } from "@/lib/security/safe-next-path";

// Account pages are global (/sign-up, /verify-email, /reset-password...), but a person reaches them
// from one conference's pages. Where they were going travels with them as `?next=`, through the
// forms, better-auth's callbackURL and the mailed link, so the mail can name that conference and
// the page the link opens can lead back to it. Safe to import in the browser.

const ACCOUNT_PAGES: ReadonlySet<string> = new Set(["/sign-in", "/sign-up", "/forgot-password", "/reset-password", "/verify-email"]);
const ORIGIN = "http://plenary.invalid";

/** `accountPageReturningTo("/verify-email", "/conf-b/tickets")` → `/verify-email?next=%2Fconf-b%2Ftickets`; the bare page for "/". */
export function accountPageReturningTo(page: `/${string}`, next: string): string {
  const path = safeNextPath(next);
  return path === "/" ? page : `${page}?next=${encodeURIComponent(path)}`;
}

/** Where an address leads back to: an account page's `?next=` (checked), any other page itself; "/" when unknown or unsafe. */
export function returnPathOf(address: string | null | undefined): string {
  const path = safeNextPath(address);
  const url = new URL(path, ORIGIN);
  return ACCOUNT_PAGES.has(url.pathname) ? safeNextPath(url.searchParams.get("next")) : path;
}
