import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { findSessionUser } from "@/lib/auth/get-session-user";
import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { CONFERENCE_SLUG_HEADER, conferencePath } from "@/lib/conference/conference-path";
import { getViewer } from "@/lib/permissions/get-viewer";
import { can } from "@/lib/permissions/can";
import { env } from "@/lib/config/env";
import { orNotFound } from "./or-not-found";

/** Who is asking, on any page (global ones too) — loaded once per request. */
export const getSessionContext = cache(async () => {
  const user = await findSessionUser({ headers: await headers() });
  return { user, realtimeUrl: env.REALTIME_PUBLIC_URL };
});

/**
 * Who is looking at which conference — loaded once per request and shared by layout and page.
 * The conference is the route's `[conference]` segment, which proxy.ts hands over in a header
 * (pages under app/[conference]/ need not pass their params); an unknown one is the 404 page.
 */
export const getPageContext = cache(async () => {
  const slug = (await headers()).get(CONFERENCE_SLUG_HEADER);
  if (!slug) notFound();
  const conference = await orNotFound(getConferenceBySlugOrThrow({ slug }));
  const { user, realtimeUrl } = await getSessionContext();
  const viewer = await getViewer({ conferenceId: conference.id, userId: user?.id ?? null });
  return {
    conference,
    user,
    viewer,
    isOrganizer: can(viewer, "conference:organize"),
    realtimeUrl,
    /** This conference's link to `path`: `href("/schedule")` → `/{slug}/schedule`. */
    href: (path: `/${string}` | "" = "") => conferencePath(conference.slug, path),
  };
});
