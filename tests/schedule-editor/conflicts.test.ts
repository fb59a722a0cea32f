import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createStage } from "@/lib/schedule-editor/create-stage";
import { createSpeaker } from "@/lib/schedule-editor/create-speaker";
import { createTalk } from "@/lib/schedule-editor/create-talk";
import { moveTalk } from "@/lib/schedule-editor/move-talk";
import { findScheduleConflicts } from "@/lib/schedule-editor/find-schedule-conflicts";
import { at, createTestConference } from "./fixtures";

describe("schedule conflicts", () => {
  let conferenceId: string;
  let main: string;
  let side: string;
  let ada: string;

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    main = (await createStage({ conferenceId, input: { name: "Main" } })).stage.id;
    side = (await createStage({ conferenceId, input: { name: "Side" } })).stage.id;
    ada = (await createSpeaker({ conferenceId, input: { name: "Ada" } })).speaker.id;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("warns about two talks overlapping on one stage, but still saves the second", async () => {
    const first = await createTalk({ conferenceId, input: { title: "Alpha", startsAt: at("10:00"), endsAt: at("11:00"), stageId: main } as never });
    const second = await createTalk({ conferenceId, input: { title: "Beta", startsAt: at("10:30"), endsAt: at("11:30"), stageId: main } as never });
    expect(second.conflicts).toEqual([
      {
        kind: "STAGE_OVERLAP",
        talkIds: [first.talk.id, second.talk.id],
        stageId: main,
        message: "“Alpha” and “Beta” overlap on Main",
      },
    ]);
    expect(await prisma.talk.findUnique({ where: { id: second.talk.id } })).not.toBeNull();

    // Moving Beta to the other stage clears the warning.
    const moved = await moveTalk({ conferenceId, talkId: second.talk.id, input: { stageId: side, startsAt: at("10:30") } });
    expect(moved.conflicts).toEqual([]);
    expect(await findScheduleConflicts({ conferenceId })).toEqual([]);
  });

  it("warns when a speaker is booked into two talks at once on different stages", async () => {
    const keynote = await createTalk({
      conferenceId,
      input: { title: "Keynote", startsAt: at("14:00"), endsAt: at("15:00"), stageId: main, speakerIds: [ada] } as never,
    });
    const workshop = await createTalk({
      conferenceId,
      input: { title: "Workshop", kind: "WORKSHOP", startsAt: at("14:45"), endsAt: at("16:00"), stageId: side, speakerIds: [ada] } as never,
    });
    expect(workshop.conflicts).toEqual([
      {
        kind: "SPEAKER_DOUBLE_BOOKED",
        talkIds: [keynote.talk.id, workshop.talk.id],
        speakerId: ada,
        message: "Ada is booked into “Keynote” and “Workshop” at the same time",
      },
    ]);
    // Asked for one talk, only that talk's conflicts come back.
    const unrelated = await createTalk({
      conferenceId,
      input: { title: "Later", startsAt: at("18:00"), endsAt: at("19:00"), stageId: main } as never,
    });
    expect(unrelated.conflicts).toEqual([]);
    expect((await findScheduleConflicts({ conferenceId })).map((c) => c.kind)).toEqual(["SPEAKER_DOUBLE_BOOKED"]);

    await moveTalk({ conferenceId, talkId: workshop.talk.id, input: { stageId: side, startsAt: at("15:00") } });
    expect(await findScheduleConflicts({ conferenceId })).toEqual([]);
  });

  it("reports both kinds when the same speaker's talks overlap on the same stage", async () => {
    const c = (await createTestConference()).id;
    const stage = (await createStage({ conferenceId: c, input: { name: "Hall" } })).stage.id;
    const grace = (await createSpeaker({ conferenceId: c, input: { name: "Grace" } })).speaker.id;
    await createTalk({
      conferenceId: c,
      input: { title: "One", startsAt: at("09:00"), endsAt: at("10:00"), stageId: stage, speakerIds: [grace] } as never,
    });
    await createTalk({
      conferenceId: c,
      input: { title: "Two", startsAt: at("09:59"), endsAt: at("10:30"), stageId: stage, speakerIds: [grace] } as never,
    });
    const conflicts = await findScheduleConflicts({ conferenceId: c });
    expect(conflicts.map((x) => x.kind).sort()).toEqual(["SPEAKER_DOUBLE_BOOKED", "STAGE_OVERLAP"]);
    await prisma.conference.delete({ where: { id: c } });
  });
});
