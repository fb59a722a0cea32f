import { prisma } from "@/lib/db/client";
import { startOfUtcDay } from "./find-default-conference";

export type ConferenceListing = {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  timeZone: string;
  startsOn: Date;
  endsOn: Date;
  talks: number;
  /** Talks with a recording to watch again. */
  replays: number;
};

/**
 * Every conference of the instance for the home page: those running or still to come (soonest
 * first), and past ones (latest first), which stay browsable with their replays.
 */
export async function listConferences(options: { now: Date }): Promise<{ upcoming: ConferenceListing[]; past: ConferenceListing[] }> {
  const today = startOfUtcDay(options.now);
  const rows = await prisma.conference.findMany({
    orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      tagline: true,
      timeZone: true,
      startsOn: true,
      endsOn: true,
      _count: { select: { talks: true } },
    },
  });
  const replays = await prisma.talk.groupBy({
    by: ["conferenceId"],
    where: { recording: { status: { in: ["READY", "ENDED"] } } },
    _count: { _all: true },
  });
  const replaysOf = new Map(replays.map((r) => [r.conferenceId, r._count._all]));
  const listings = rows.map(({ _count, ...conference }) => ({ ...conference, talks: _count.talks, replays: replaysOf.get(conference.id) ?? 0 }));
  return {
    upcoming: listings.filter((c) => c.endsOn >= today),
    past: listings.filter((c) => c.endsOn < today).reverse(),
  };
}
