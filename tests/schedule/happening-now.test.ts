import { describe, expect, it, beforeAll } from "vitest";
import { isHappeningNow } from "@/lib/schedule/happening-now";
import { getProgrammeHighlights } from "@/lib/schedule/get-programme-highlights";
import { prisma } from "@/lib/db/client";
import { createConference } from "../support/fixtures";

// The talk pages, the talk cards and the home page's "on now" list all ask this one rule; the
// home page asks PostgreSQL, so each boundary is checked both ways.
describe("a talk is on now from its start (inclusive) to its end (exclusive), or while it is live", () => {
  let fx: Awaited<ReturnType<typeof createConference>>;
  beforeAll(async () => {
    fx = await createConference();
  });

  async function bothWays(at: Date) {
    const talk = await prisma.talk.findUniqueOrThrow({ where: { id: fx.talks.keynote.id } });
    const { liveNow } = await getProgrammeHighlights({ conferenceId: fx.conference.id, now: at });
    const inDatabase = liveNow.some((t) => t.id === talk.id);
    expect(inDatabase).toBe(isHappeningNow(talk, at));
    return inDatabase;
  }

  it("a scheduled talk: not a millisecond before its start, from its start, not at its end", async () => {
    const { startsAt, endsAt } = fx.talks.keynote;
    expect(await bothWays(new Date(startsAt.getTime() - 1))).toBe(false);
    expect(await bothWays(startsAt)).toBe(true);
    expect(await bothWays(new Date(endsAt.getTime() - 1))).toBe(true);
    expect(await bothWays(endsAt)).toBe(false);
  });

  it("a live talk is on now outside its slot; an ended one is not, even inside it", async () => {
    const { startsAt, endsAt } = fx.talks.keynote;
    await prisma.talk.update({ where: { id: fx.talks.keynote.id }, data: { status: "LIVE" } });
    expect(await bothWays(new Date(startsAt.getTime() - 60_000))).toBe(true);
    expect(await bothWays(new Date(endsAt.getTime() + 60_000))).toBe(true);
    await prisma.talk.update({ where: { id: fx.talks.keynote.id }, data: { status: "ENDED" } });
    expect(await bothWays(startsAt)).toBe(false);
    await prisma.talk.update({ where: { id: fx.talks.keynote.id }, data: { status: "SCHEDULED" } });
  });
});
