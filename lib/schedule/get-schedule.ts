import { prisma } from "@/lib/db/client";
import { dayKey } from "./time-zones";

export const talkCardSelect = {
  id: true,
  slug: true,
  title: true,
  abstract: true,
  kind: true,
  startsAt: true,
  endsAt: true,
  status: true,
  isPublic: true,
  // Where its page is: /{conference}/talks/{slug}.
  conference: { select: { slug: true } },
  stage: { select: { id: true, slug: true, name: true, position: true } },
  track: { select: { id: true, slug: true, name: true, color: true } },
  speakers: {
    orderBy: { position: "asc" as const },
    select: { speaker: { select: { id: true, slug: true, name: true, avatarUrl: true, headline: true } } },
  },
} as const;

export type TalkCard = {
  id: string;
  slug: string;
  title: string;
  abstract: string;
  kind: "KEYNOTE" | "TALK" | "PANEL" | "WORKSHOP";
  startsAt: Date;
  endsAt: Date;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  isPublic: boolean;
  conference: { slug: string };
  stage: { id: string; slug: string; name: string; position: number };
  track: { id: string; slug: string; name: string; color: string } | null;
  speakers: { speaker: { id: string; slug: string; name: string; avatarUrl: string | null; headline: string } }[];
};

export type ScheduleDay = { day: string; talks: TalkCard[] };

/**
 * The whole schedule of a conference, grouped by conference day (days are counted in the
 * conference's own time zone, whatever zone the viewer reads times in).
 */
export async function getSchedule(options: { conferenceId: string; trackSlug?: string; kind?: TalkCard["kind"] }) {
  const [conference, stages, tracks, talks] = await Promise.all([
    prisma.conference.findUniqueOrThrow({ where: { id: options.conferenceId } }),
    prisma.stage.findMany({ where: { conferenceId: options.conferenceId }, orderBy: { position: "asc" } }),
    prisma.track.findMany({ where: { conferenceId: options.conferenceId }, orderBy: { name: "asc" } }),
    prisma.talk.findMany({
      where: {
        conferenceId: options.conferenceId,
        ...(options.trackSlug ? { track: { slug: options.trackSlug } } : {}),
        ...(options.kind ? { kind: options.kind } : {}),
      },
      orderBy: [{ startsAt: "asc" }, { stage: { position: "asc" } }],
      select: talkCardSelect,
    }),
  ]);
  const byDay = new Map<string, TalkCard[]>();
  for (const talk of talks) {
    const key = dayKey(talk.startsAt, conference.timeZone);
    if (!byDay.has(key)) byDay.set(key, []);
    byDay.get(key)!.push(talk);
  }
  const days: ScheduleDay[] = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, t]) => ({ day, talks: t }));
  return { conference, stages, tracks, days };
}
