import { prisma } from "@/lib/db/client";
import { assertCan, getViewer } from "@/lib/permissions/get-viewer";
import { forgetRoomLimits } from "./get-room-limits";
import { chatRateLimiter } from "./rate-limiter";

/** The conference's chat rate limit: a burst of N, then one message per interval (moderators exempt). */
export async function setRateLimit(options: { conferenceId: string; burst: number; intervalMs: number; moderatorId: string }) {
  const viewer = await getViewer({ conferenceId: options.conferenceId, userId: options.moderatorId });
  assertCan(viewer, "conference:moderate-chat");
  const conference = await prisma.conference.update({
    where: { id: options.conferenceId },
    data: { chatBurst: options.burst, chatIntervalMs: options.intervalMs },
    select: { id: true, chatBurst: true, chatIntervalMs: true },
  });
  forgetRoomLimits();
  // Buckets filled under the old limit would let a burst through the new one.
  chatRateLimiter.reset();
  return { conferenceId: conference.id, burst: conference.chatBurst, intervalMs: conference.chatIntervalMs };
}
