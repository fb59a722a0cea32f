import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError, toErrorBody } from "@/lib/errors/app-error";
import { createStage } from "@/lib/schedule-editor/create-stage";
import { createTrack } from "@/lib/schedule-editor/create-track";
import { createSpeaker } from "@/lib/schedule-editor/create-speaker";
import { createTalk } from "@/lib/schedule-editor/create-talk";
import { updateTalk } from "@/lib/schedule-editor/update-talk";
import { moveTalk } from "@/lib/schedule-editor/move-talk";
import { deleteTalk } from "@/lib/schedule-editor/delete-talk";
import { deleteStage } from "@/lib/schedule-editor/delete-stage";
import { deleteTrack } from "@/lib/schedule-editor/delete-track";
import { deleteSpeaker } from "@/lib/schedule-editor/delete-speaker";
import { updateStage } from "@/lib/schedule-editor/update-stage";
import { updateSpeaker } from "@/lib/schedule-editor/update-speaker";
import { findScheduleConflicts } from "@/lib/schedule-editor/find-schedule-conflicts";
import { getEditorSchedule } from "@/lib/schedule-editor/get-editor-schedule";
import { at, createTestConference } from "./fixtures";

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("schedule editor services", () => {
  let conferenceId: string;
  let main: string;
  let side: string;

  beforeAll(async () => {
    conferenceId = (await createTestConference()).id;
    main = (await createStage({ conferenceId, input: { name: "Main Stage" } })).stage.id;
    side = (await createStage({ conferenceId, input: { name: "Side Stage" } })).stage.id;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("creates a keynote with speakers in order, a derived slug and a stream key", async () => {
    const ada = (await createSpeaker({ conferenceId, input: { name: "Ada Lovelace" } })).speaker;
    const grace = (await createSpeaker({ conferenceId, input: { name: "Grace Hopper" } })).speaker;
    const track = (await createTrack({ conferenceId, input: { name: "Compilers", color: "#10b981" } })).track;
    const { talk, conflicts } = await createTalk({
      conferenceId,
      input: {
        title: "Opening Keynote: Día 1",
        kind: "KEYNOTE",
        startsAt: at("09:00"),
        endsAt: at("10:00"),
        stageId: main,
        trackId: track.id,
        speakerIds: [grace.id, ada.id],
      } as never,
    });
    expect(talk.slug).toBe("opening-keynote-dia-1");
    expect(talk.kind).toBe("KEYNOTE");
    expect(talk.speakerIds).toEqual([grace.id, ada.id]);
    expect(conflicts).toEqual([]);
    const stored = await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } });
    expect(stored.streamKey.length).toBeGreaterThanOrEqual(32);

    // The same title again gets a second, distinct slug rather than an error.
    const again = await createTalk({
      conferenceId,
      input: { title: "Opening Keynote: Día 1", startsAt: at("09:00", "2026-06-02"), endsAt: at("10:00", "2026-06-02"), stageId: main } as never,
    });
    expect(again.talk.slug).toBe("opening-keynote-dia-1-2");
  });

  it("gives talks with the same title saved at the same moment distinct slugs", async () => {
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) =>
        createTalk({
          conferenceId,
          input: { title: "Lightning Round", startsAt: at(`0${i}:00`, "2026-06-02"), endsAt: at(`0${i}:05`, "2026-06-02"), stageId: side } as never,
        }),
      ),
    );
    expect(new Set(results.map((r) => r.talk.slug))).toEqual(
      new Set(["lightning-round", "lightning-round-2", "lightning-round-3", "lightning-round-4"]),
    );
  });

  it("refuses a talk that ends before it starts, with the error on the endsAt field", async () => {
    const error = await createTalk({
      conferenceId,
      input: { title: "Backwards", startsAt: at("12:00"), endsAt: at("11:00"), stageId: main } as never,
    }).catch((e: unknown) => e);
    // What the API answers (and the form shows beside the field).
    expect(toErrorBody(error)).toMatchObject({ code: "INVALID_INPUT", fields: { endsAt: ["Must end after it starts"] } });
  });

  it("answers a field error for a stage of another conference", async () => {
    const other = await createTestConference();
    const foreign = (await createStage({ conferenceId: other.id, input: { name: "Elsewhere" } })).stage.id;
    const error = await rejection(
      createTalk({ conferenceId, input: { title: "Lost", startsAt: at("12:00"), endsAt: at("13:00"), stageId: foreign } as never }),
    );
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.details).toEqual({ fields: { stageId: ["Choose a stage of this conference"] } });
    await prisma.conference.delete({ where: { id: other.id } });
  });

  it("refuses an explicit slug another talk uses, on the slug field", async () => {
    await createTalk({ conferenceId, input: { title: "Taken", slug: "taken", startsAt: at("15:00"), endsAt: at("15:30"), stageId: side } as never });
    const error = await rejection(
      createTalk({ conferenceId, input: { title: "Other", slug: "taken", startsAt: at("16:00"), endsAt: at("16:30"), stageId: side } as never }),
    );
    expect(error.details).toEqual({ fields: { slug: ["Another talk already uses this slug"] } });
  });

  it("moves a talk to another stage and start and keeps its length", async () => {
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "Movable", startsAt: at("11:00"), endsAt: at("11:45"), stageId: main } as never,
    });
    const moved = await moveTalk({ conferenceId, talkId: talk.id, input: { stageId: side, startsAt: at("13:10") } });
    expect(moved.talk.stageId).toBe(side);
    expect(moved.talk.startsAt).toBe(at("13:10"));
    expect(moved.talk.endsAt).toBe(at("13:55"));
  });

  it("checks the whole slot when an update changes only one end", async () => {
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "Resizable", startsAt: at("17:00"), endsAt: at("17:30"), stageId: main } as never,
    });
    const error = await rejection(updateTalk({ conferenceId, talkId: talk.id, input: { endsAt: at("16:59") } }));
    expect(error.details).toEqual({ fields: { endsAt: ["Must end after it starts"] } });
    const longer = await updateTalk({ conferenceId, talkId: talk.id, input: { endsAt: at("18:00"), title: "Resized" } });
    expect(longer.talk.title).toBe("Resized");
    expect(longer.talk.startsAt).toBe(at("17:00"));
  });

  it("replaces a talk's speakers in the given order", async () => {
    const a = (await createSpeaker({ conferenceId, input: { name: "Speaker A" } })).speaker.id;
    const b = (await createSpeaker({ conferenceId, input: { name: "Speaker B" } })).speaker.id;
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "Duo", startsAt: at("08:00", "2026-06-02"), endsAt: at("08:30", "2026-06-02"), stageId: side, speakerIds: [a] } as never,
    });
    const updated = await updateTalk({ conferenceId, talkId: talk.id, input: { speakerIds: [b, a] } });
    expect(updated.talk.speakerIds).toEqual([b, a]);
    const cleared = await updateTalk({ conferenceId, talkId: talk.id, input: { speakerIds: [] } });
    expect(cleared.talk.speakerIds).toEqual([]);
  });

  it("does not let one conference's organizer touch another conference's talk", async () => {
    const other = await createTestConference();
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "Mine", startsAt: at("19:00"), endsAt: at("19:30"), stageId: main } as never,
    });
    expect((await rejection(updateTalk({ conferenceId: other.id, talkId: talk.id, input: { title: "Stolen" } }))).code).toBe("NOT_FOUND");
    expect((await rejection(deleteTalk({ conferenceId: other.id, talkId: talk.id }))).code).toBe("NOT_FOUND");
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talk.id } })).title).toBe("Mine");
    await prisma.conference.delete({ where: { id: other.id } });
  });

  it("refuses to delete a live talk and deletes it once it has ended", async () => {
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "On air", startsAt: at("20:00"), endsAt: at("20:30"), stageId: main } as never,
    });
    await prisma.talk.update({ where: { id: talk.id }, data: { status: "LIVE" } });
    expect((await rejection(deleteTalk({ conferenceId, talkId: talk.id }))).code).toBe("CONFLICT");
    await prisma.talk.update({ where: { id: talk.id }, data: { status: "ENDED" } });
    await deleteTalk({ conferenceId, talkId: talk.id });
    expect(await prisma.talk.findUnique({ where: { id: talk.id } })).toBeNull();
  });

  it("refuses to delete a stage that still has talks, and deletes an empty one", async () => {
    const error = await rejection(deleteStage({ conferenceId, stageId: main }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/Main Stage has \d+ talks/);
    const empty = (await createStage({ conferenceId, input: { name: "Empty Room" } })).stage;
    expect(empty.position).toBe(2);
    await deleteStage({ conferenceId, stageId: empty.id });
    expect(await prisma.stage.findUnique({ where: { id: empty.id } })).toBeNull();
  });

  it("refuses a stage name that another stage uses, on the name field", async () => {
    const error = await rejection(createStage({ conferenceId, input: { name: "Main Stage" } }));
    expect(error.details).toEqual({ fields: { name: ["Another stage already uses this name"] } });
    const renamed = await updateStage({ conferenceId, stageId: side, input: { name: "Side Room" } });
    expect(renamed.stage.slug).toBe("side-stage");
  });

  it("deleting a track keeps its talks; deleting a speaker keeps their talks", async () => {
    const track = (await createTrack({ conferenceId, input: { name: "Doomed" } })).track;
    const speaker = (await createSpeaker({ conferenceId, input: { name: "Leaving" } })).speaker;
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "Survivor", startsAt: at("21:00"), endsAt: at("21:30"), stageId: side, trackId: track.id, speakerIds: [speaker.id] } as never,
    });
    await deleteTrack({ conferenceId, trackId: track.id });
    await deleteSpeaker({ conferenceId, speakerId: speaker.id });
    const stored = await prisma.talk.findUniqueOrThrow({ where: { id: talk.id }, include: { speakers: true } });
    expect(stored.trackId).toBeNull();
    expect(stored.speakers).toEqual([]);
  });

  it("links a speaker profile to a confirmed account by email and unlinks it with an empty email", async () => {
    const user = await prisma.user.create({
      data: { id: `u-${conferenceId}`, name: "Linus", email: `linus-${conferenceId}@example.org`, emailVerified: true },
    });
    const { speaker } = await createSpeaker({ conferenceId, input: { name: "Linus", accountEmail: user.email.toUpperCase() } as never });
    expect(speaker).toMatchObject({ userId: user.id, accountEmail: user.email });
    const unlinked = await updateSpeaker({ conferenceId, speakerId: speaker.id, input: { accountEmail: "" } as never });
    expect(unlinked.speaker).toMatchObject({ userId: null, accountEmail: null });
    // An address nobody has confirmed yet is kept on the profile, waiting.
    const waiting = await updateSpeaker({ conferenceId, speakerId: speaker.id, input: { accountEmail: "nobody@example.org" } });
    expect(waiting.speaker).toMatchObject({ userId: null, accountEmail: "nobody@example.org" });
    await prisma.user.delete({ where: { id: user.id } });
  });

  it("does not link a speaker profile to an account that has not confirmed the address", async () => {
    const squatter = await prisma.user.create({
      data: { id: `sq-${conferenceId}`, name: "Squatter", email: `keynote-${conferenceId}@example.org`, emailVerified: false },
    });
    const { speaker } = await createSpeaker({ conferenceId, input: { name: "Keynote speaker", accountEmail: squatter.email } as never });
    expect(speaker).toMatchObject({ userId: null, accountEmail: squatter.email });
    // Editing other fields keeps the address waiting; the account gets nothing until it confirms.
    const edited = await updateSpeaker({ conferenceId, speakerId: speaker.id, input: { headline: "Opens the day", accountEmail: squatter.email } });
    expect(edited.speaker.userId).toBeNull();
    await prisma.speaker.delete({ where: { id: speaker.id } });
    await prisma.user.delete({ where: { id: squatter.id } });
  });

  it("lists the editor's schedule with stages in order and talk counts", async () => {
    const schedule = await getEditorSchedule({ conferenceId });
    expect(schedule.stages.map((s) => s.name)).toEqual(["Main Stage", "Side Room"]);
    expect(schedule.stages[0]!.talkCount).toBeGreaterThan(0);
    expect(schedule.talks.length).toBe(await prisma.talk.count({ where: { conferenceId } }));
    expect(schedule.conference.timeZone).toBe("Europe/Berlin");
  });

  it("finds no conflict for back-to-back talks (slots are half-open)", async () => {
    const c = (await createTestConference()).id;
    const stage = (await createStage({ conferenceId: c, input: { name: "Solo" } })).stage.id;
    await createTalk({ conferenceId: c, input: { title: "First", startsAt: at("10:00"), endsAt: at("10:30"), stageId: stage } as never });
    await createTalk({ conferenceId: c, input: { title: "Second", startsAt: at("10:30"), endsAt: at("11:00"), stageId: stage } as never });
    expect(await findScheduleConflicts({ conferenceId: c })).toEqual([]);
    await prisma.conference.delete({ where: { id: c } });
  });
});
