import { prisma } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { assertCan } from "@/lib/permissions/get-viewer";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";

/** Where OBS pushes: rtmp://<realtime host>:<RTMP_PORT>/live with the talk's secret stream key. */
export function rtmpServerUrl(): string {
  const host = new URL(env.REALTIME_PUBLIC_URL).hostname;
  const port = env.RTMP_PORT;
  return `rtmp://${host}${port === 1935 ? "" : `:${port}`}/live`;
}

/** The talk's stream key, for its organizers and speakers. */
export async function getStreamKey(options: { talkId: string; userId: string | null }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:view-stream-key", talk);
  const { streamKey } = await prisma.talk.findUniqueOrThrow({ where: { id: talk.id }, select: { streamKey: true } });
  return { streamKey, rtmpUrl: rtmpServerUrl() };
}
