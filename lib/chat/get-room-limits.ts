import { prisma } from "@/lib/db/client";
import type { RoomSettingsView } from "./schemas";
import { TtlCache } from "./ttl-cache";

const limitsCache = new TtlCache<RoomSettingsView>(5_000, { staleMs: 60_000 });

/** Slow mode of a room and the conference's rate limit, memoised briefly (read on every send). */
export async function getRoomLimits(options: { roomKey: string; conferenceId: string }): Promise<RoomSettingsView> {
  return limitsCache.get(options.roomKey, async () => {
    const [settings, conference] = await Promise.all([
      prisma.chatRoomSettings.findUnique({ where: { roomId: options.roomKey } }),
      prisma.conference.findUniqueOrThrow({ where: { id: options.conferenceId }, select: { chatBurst: true, chatIntervalMs: true } }),
    ]);
    return {
      roomKey: options.roomKey,
      slowModeSeconds: settings?.slowModeSeconds ?? 0,
      burst: conference.chatBurst,
      intervalMs: conference.chatIntervalMs,
    };
  });
}

export function forgetRoomLimits(roomKey?: string): void {
  if (roomKey) limitsCache.delete(roomKey);
  else limitsCache.clear();
}
