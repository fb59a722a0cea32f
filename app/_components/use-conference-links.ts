"use client";
import { useMemo } from "react";
import { useParams } from "next/navigation";
import { conferenceApiPath, conferencePath } from "@/lib/conference/conference-path";

/**
 * Links of the conference a client component is shown in, from the route's `[conference]`
 * segment: `path("/admin/schedule")` → `/{slug}/admin/schedule`, `api("/admin/tickets/types")` →
 * `/api/conferences/{slug}/admin/tickets/types`.
 */
export function useConferenceLinks() {
  const { conference } = useParams<{ conference?: string }>();
  if (typeof conference !== "string") throw new Error("useConferenceLinks is for pages under app/[conference]/");
  // One object per conference, so effects and callbacks that list it run again only when it changes.
  return useMemo(
    () => ({
      slug: conference,
      path: (path: `/${string}` | "" = "") => conferencePath(conference, path),
      api: (path: `/${string}`) => conferenceApiPath(conference, path),
    }),
    [conference],
  );
}
