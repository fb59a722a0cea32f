import type { Prisma } from "@/lib/db/client";
import type { TalkStatus } from "@/lib/db/generated/enums";

// "Happening now" by the clock; "on air" is status LIVE (a speaker is streaming). A talk is on
// now from its start (inclusive) to its end (exclusive), or for as long as it is LIVE; an ENDED
// talk never is. The same rule twice: once for a loaded talk, once as a database filter.

export function isHappeningNow(talk: { startsAt: Date; endsAt: Date; status: TalkStatus }, now: Date = new Date()): boolean {
  return talk.status === "LIVE" || (talk.status === "SCHEDULED" && talk.startsAt <= now && talk.endsAt > now);
}

export function happeningNowWhere(now: Date): Prisma.TalkWhereInput {
  return { OR: [{ status: "LIVE" }, { status: "SCHEDULED", startsAt: { lte: now }, endsAt: { gt: now } }] };
}
