import { describe, expect, it, beforeAll } from "vitest";
import { getSchedule } from "@/lib/schedule/get-schedule";
import { getProgrammeHighlights } from "@/lib/schedule/get-programme-highlights";
import { setFavourite } from "@/lib/agenda/set-favourite";
import { listAgenda } from "@/lib/agenda/list-agenda";
import { zonedTimeToInstant } from "@/lib/schedule/time-zones";
import { createConference, createUser } from "../support/fixtures";

describe("schedule queries against PostgreSQL", () => {
  let fx: Awaited<ReturnType<typeof createConference>>;
  beforeAll(async () => {
    // The keynote is at 23:15 in Berlin and the next talks after midnight: days are counted in the
    // conference zone (in UTC all three are on 10 June).
    fx = await createConference({ timeZone: "Europe/Berlin", startsAt: zonedTimeToInstant("2026-06-10", "23:15", "Europe/Berlin") });
  });

  it("groups talks by conference day in the conference's zone, ordered by start then stage", async () => {
    const { days, stages, tracks } = await getSchedule({ conferenceId: fx.conference.id });
    expect(stages.map((s) => s.slug)).toEqual(["main", "side"]);
    expect(tracks.map((t) => t.slug)).toEqual(["web"]);
    expect(days.map((d) => d.day)).toEqual(["2026-06-10", "2026-06-11"]);
    expect(days[0]!.talks.map((t) => t.slug)).toEqual(["keynote"]);
    expect(days[1]!.talks.map((t) => t.slug)).toEqual(["web-talk", "side-talk"]);
  });

  it("filters by track and by kind", async () => {
    const byTrack = await getSchedule({ conferenceId: fx.conference.id, trackSlug: "web" });
    expect(byTrack.days.flatMap((d) => d.talks).map((t) => t.slug)).toEqual(["web-talk"]);
    const keynotes = await getSchedule({ conferenceId: fx.conference.id, kind: "KEYNOTE" });
    expect(keynotes.days.flatMap((d) => d.talks).map((t) => t.slug)).toEqual(["keynote"]);
  });

  it("finds what is on now and what is up next", async () => {
    const during = new Date(fx.talks.keynote.startsAt.getTime() + 10 * 60_000);
    const { liveNow, upNext, keynotes } = await getProgrammeHighlights({ conferenceId: fx.conference.id, now: during });
    expect(liveNow.map((t) => t.slug)).toEqual(["keynote"]);
    expect(upNext.map((t) => t.slug)).toEqual(["web-talk", "side-talk"]);
    expect(keynotes).toHaveLength(1);
  });

  it("keeps a personal agenda: starring is idempotent and unstarring removes", async () => {
    const user = await createUser();
    await setFavourite({ userId: user.id, talkId: fx.talks.sideTalk.id, starred: true });
    await setFavourite({ userId: user.id, talkId: fx.talks.sideTalk.id, starred: true });
    await setFavourite({ userId: user.id, talkId: fx.talks.keynote.id, starred: true });
    expect((await listAgenda({ userId: user.id, conferenceId: fx.conference.id })).map((t) => t.slug)).toEqual(["keynote", "side-talk"]);
    await setFavourite({ userId: user.id, talkId: fx.talks.keynote.id, starred: false });
    expect((await listAgenda({ userId: user.id, conferenceId: fx.conference.id })).map((t) => t.slug)).toEqual(["side-talk"]);
    await expect(setFavourite({ userId: user.id, talkId: "nope", starred: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
