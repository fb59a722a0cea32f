import { prisma } from "@/lib/db/client";
import { talkCardSelect, type TalkCard } from "./get-schedule";
import { happeningNowWhere } from "./happening-now";

/** What the conference home shows: talks on now, the next ones per stage, and the keynotes. */
export async function getProgrammeHighlights(options: { conferenceId: string; now?: Date }) {
  const now = options.now ?? new Date();
  const [liveNow, upNext, keynotes] = await Promise.all([
    prisma.talk.findMany({
      where: { conferenceId: options.conferenceId, ...happeningNowWhere(now) },
      orderBy: [{ stage: { position: "asc" } }],
      select: talkCardSelect,
    }),
    prisma.talk.findMany({
      where: { conferenceId: options.conferenceId, status: "SCHEDULED", startsAt: { gt: now } },
      // Talks starting together appear in stage order, as on the schedule (ties came back in any order).
      orderBy: [{ startsAt: "asc" }, { stage: { position: "asc" } }],
      take: 4,
      select: talkCardSelect,
    }),
    prisma.talk.findMany({
      where: { conferenceId: options.conferenceId, kind: "KEYNOTE" },
      orderBy: { startsAt: "asc" },
      select: talkCardSelect,
    }),
  ]);
  return { liveNow: liveNow as TalkCard[], upNext: upNext as TalkCard[], keynotes: keynotes as TalkCard[] };
}
