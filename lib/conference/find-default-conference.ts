import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import type { Conference } from "@/lib/db/client";

/**
 * The conference an old URL (`/schedule`, `/talks/x`, a calendar feed subscribed before there
 * were many conferences) leads to: PLENARY_CONFERENCE when set, else the one running now, else
 * the next to start, else the one that ended last. Only for reading: state-changing actions always
 * name their conference.
 */
export async function findDefaultConference(options: { now?: Date } = {}): Promise<Conference | null> {
  if (env.PLENARY_CONFERENCE) {
    const named = await prisma.conference.findUnique({ where: { slug: env.PLENARY_CONFERENCE } });
    if (named) return named;
  }
  const today = startOfUtcDay(options.now ?? new Date());
  const running = await prisma.conference.findFirst({
    where: { startsOn: { lte: today }, endsOn: { gte: today } },
    orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }],
  });
  if (running) return running;
  const next = await prisma.conference.findFirst({ where: { startsOn: { gt: today } }, orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }] });
  if (next) return next;
  return prisma.conference.findFirst({ orderBy: [{ endsOn: "desc" }, { createdAt: "asc" }] });
}

/** Conference days are calendar dates (`@db.Date`), compared at midnight UTC. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
