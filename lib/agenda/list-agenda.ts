import { prisma } from "@/lib/db/client";
import { talkCardSelect, type TalkCard } from "@/lib/schedule/get-schedule";

export async function listAgenda(options: { userId: string; conferenceId: string }): Promise<TalkCard[]> {
  const rows = await prisma.favourite.findMany({
    where: { userId: options.userId, talk: { conferenceId: options.conferenceId } },
    orderBy: { talk: { startsAt: "asc" } },
    select: { talk: { select: talkCardSelect } },
  });
  return rows.map((r) => r.talk);
}

export async function listFavouriteTalkIds(options: { userId: string | null; conferenceId: string }): Promise<Set<string>> {
  if (!options.userId) return new Set();
  const rows = await prisma.favourite.findMany({
    where: { userId: options.userId, talk: { conferenceId: options.conferenceId } },
    select: { talkId: true },
  });
  return new Set(rows.map((r) => r.talkId));
}
