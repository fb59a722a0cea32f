import { prisma } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { assertCan } from "@/lib/permissions/get-viewer";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";

/**
 * Where OBS pushes, with the talk's secret stream key: configuration (RTMP_PUBLIC_URL), the same
 * whichever node answers; null when RTMP is off.
 */
export function rtmpServerUrl(): string | null {
  return env.RTMP_PUBLIC_URL;
}

/** The talk's stream key, for its organizers and speakers. */
export async function getStreamKey(options: { talkId: string; userId: string | null }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:view-stream-key", talk);
  const { streamKey } = await prisma.talk.findUniqueOrThrow({ where: { id: talk.id }, select: { streamKey: true } });
  return { streamKey, rtmpUrl: rtmpServerUrl() };
}
