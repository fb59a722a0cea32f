import { z } from "zod";

// The URL scheme of a Plenary instance that holds many conferences:
//   /                                   every conference (current and upcoming, then past)
//   /{conference}                       one conference's home
//   /{conference}/schedule, /talks/{talk}, /speakers, /keynotes, /agenda, /tickets, /admin/...
//   /{conference}/calendar/schedule.ics, /{conference}/calendar/agenda/{token}.ics
//   /api/conferences/{conference}/...   the APIs that act on one conference
// Account pages (/sign-in, /sign-up, ...) stay global. This file is the one place that builds
// those paths, and it is safe to import in the browser.

/** The request header in which proxy.ts hands a page its conference slug (the URL's first segment). */
export const CONFERENCE_SLUG_HEADER = "x-plenary-conference";

/** The old conference sections (`/schedule`, `/talks/x`...): their URLs now lead to the default conference. */
export const LEGACY_CONFERENCE_SECTIONS: ReadonlySet<string> = new Set([
  "schedule",
  "talks",
  "speakers",
  "keynotes",
  "agenda",
  "tickets",
  "admin",
  "calendar",
]);

/** Top-level paths that are pages of their own (or were conference pages before many conferences): never a conference slug. */
export const RESERVED_CONFERENCE_SLUGS: ReadonlySet<string> = new Set([
  // Conference sections as they were served before, now redirected to the default conference.
  ...LEGACY_CONFERENCE_SECTIONS,
  // Global pages and routes.
  "api",
  "sign-in",
  "sign-up",
  "sign-out",
  "forgot-password",
  "reset-password",
  "verify-email",
  "account",
  "conferences",
  "default-conference",
  "dev",
  "media",
  "metrics",
  "healthz",
  "manifest",
  "icon",
  "apple-icon",
  "opengraph-image",
  "twitter-image",
  "favicon",
  "robots",
  "sitemap",
  "new",
]);

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/** A conference's slug: its first URL segment, so lowercase letters, digits and inner hyphens, and no reserved word. */
export const ConferenceSlug = z
  .string()
  .trim()
  .regex(SLUG_PATTERN, "Use 1–64 lowercase letters, digits and hyphens (not at either end)")
  .refine((slug) => !RESERVED_CONFERENCE_SLUGS.has(slug), { message: "This word is taken by a page of Plenary itself; choose another" });
export type ConferenceSlug = z.infer<typeof ConferenceSlug>;

export function isConferenceSlug(value: string): boolean {
  return ConferenceSlug.safeParse(value).success;
}

/** `conferencePath("fosdem-2027", "/talks/x")` → `/fosdem-2027/talks/x`; without a path, the conference's home. */
export function conferencePath(slug: string, path: `/${string}` | "" = ""): string {
  return `/${encodeURIComponent(slug)}${path}`;
}

/** `conferenceApiPath("fosdem-2027", "/admin/tickets/types")` → `/api/conferences/fosdem-2027/admin/tickets/types`. */
export function conferenceApiPath(slug: string, path: `/${string}`): string {
  return `/api/conferences/${encodeURIComponent(slug)}${path}`;
}

/** The conference slug a page path names (`/fosdem-2027/schedule` → `fosdem-2027`), or null for a global page. */
export function conferenceSlugOfPath(pathname: string): string | null {
  const first = pathname.split("/")[1] ?? "";
  return isConferenceSlug(first) ? first : null;
}
