import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** A fresh conference with its own slug, so test files can share one database. */
export async function createTestConference(options: { timeZone?: string } = {}) {
  const slug = `sched-${randomUUID().slice(0, 8)}`;
  return prisma.conference.create({
    data: {
      slug,
      name: `Schedule test ${slug}`,
      timeZone: options.timeZone ?? "Europe/Berlin",
      startsOn: new Date("2026-06-01"),
      endsOn: new Date("2026-06-02"),
    },
  });
}

/** 2026-06-01 at hh:mm UTC, as the ISO instant the editor's API takes. */
export function at(hhmm: string, day = "2026-06-01"): string {
  return new Date(`${day}T${hhmm}:00Z`).toISOString();
}
