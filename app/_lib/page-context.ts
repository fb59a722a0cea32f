import { cache } from "react";
import { headers } from "next/headers";
import { findSessionUser } from "@/lib/auth/get-session-user";
import { getCurrentConferenceOrThrow } from "@/lib/conference/get-current-conference";
import { getViewer } from "@/lib/permissions/get-viewer";
import { can } from "@/lib/permissions/can";
import { env } from "@/lib/config/env";

/** Who is looking at which conference — loaded once per request and shared by layout and page. */
export const getPageContext = cache(async () => {
  const conference = await getCurrentConferenceOrThrow();
  const user = await findSessionUser({ headers: await headers() });
  const viewer = await getViewer({ conferenceId: conference.id, userId: user?.id ?? null });
  return {
    conference,
    user,
    viewer,
    isOrganizer: can(viewer, "conference:organize"),
    realtimeUrl: env.REALTIME_PUBLIC_URL,
  };
});
