import { prisma } from "@/lib/db/client";

/**
 * Links the speaker profiles an organizer invited by address to the account that has just proved
 * it owns that address (confirmed it, or reset its password through it). Profiles already linked
 * to another account keep it. Returns how many were linked.
 */
export async function claimSpeakerProfiles(options: { userId: string; email: string }): Promise<number> {
  const { count } = await prisma.speaker.updateMany({
    where: { accountEmail: options.email.toLowerCase(), userId: null },
    data: { userId: options.userId },
  });
  return count;
}
