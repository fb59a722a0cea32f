import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createUser } from "../support/fixtures";
import { at, createTestConference } from "./fixtures";
import * as talks from "@/app/api/conferences/[conference]/admin/schedule/talks/route";
import * as talk from "@/app/api/conferences/[conference]/admin/schedule/talks/[talkId]/route";
import * as move from "@/app/api/conferences/[conference]/admin/schedule/talks/[talkId]/move/route";
import * as stages from "@/app/api/conferences/[conference]/admin/schedule/stages/route";
import * as schedule from "@/app/api/conferences/[conference]/admin/schedule/route";
import * as importRoute from "@/app/api/conferences/[conference]/admin/import/route";

// The route handlers, called as Next calls them, with real sessions: organizer-only, field
// errors from the shared schemas, conflicts as warnings.

const json = (method: string, url: string, cookie: string | null, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

describe("schedule editor API", () => {
  let conferenceId: string;
  let organizer: string;
  let attendee: string;
  let stageId: string;
  let conferenceSlug: string;

  beforeAll(async () => {
    const conference = await createTestConference();
    conferenceId = conference.id;
    conferenceSlug = conference.slug;
    organizer = (await createUser({ conferenceId, role: "ORGANIZER" })).cookie;
    attendee = (await createUser({ conferenceId, ticket: true })).cookie;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("lets an organizer create a stage and a talk", async () => {
    const stage = await stages.POST(json("POST", "/api/admin/schedule/stages", organizer, { name: "Main" }), params({ conference: conferenceSlug }));
    expect(stage.status).toBe(201);
    stageId = ((await stage.json()) as { stage: { id: string } }).stage.id;
    const created = await talks.POST(
      json("POST", "/api/admin/schedule/talks", organizer, { title: "Hello", startsAt: at("10:00"), endsAt: at("10:30"), stageId }),
      params({ conference: conferenceSlug }),
    );
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ talk: { title: "Hello", stageId }, conflicts: [] });
  });

  it("answers 403 to an attendee with a ticket and 401 to a visitor, and changes nothing", async () => {
    const before = await prisma.talk.count({ where: { conferenceId } });
    const body = { title: "Sneaky", startsAt: at("11:00"), endsAt: at("11:30"), stageId };
    const forbidden = await talks.POST(json("POST", "/api/admin/schedule/talks", attendee, body), params({ conference: conferenceSlug }));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await talks.POST(json("POST", "/api/admin/schedule/talks", null, body), params({ conference: conferenceSlug }))).status).toBe(401);
    expect((await schedule.GET(json("GET", "/api/admin/schedule", attendee), params({ conference: conferenceSlug }))).status).toBe(403);
    const upload = await importRoute.POST(json("POST", "/api/admin/import", attendee, { source: "{}" }), params({ conference: conferenceSlug }));
    expect(upload.status).toBe(403);
    expect(await prisma.talk.count({ where: { conferenceId } })).toBe(before);
  });

  it("answers field-level errors from the shared schema", async () => {
    const response = await talks.POST(
      json("POST", "/api/admin/schedule/talks", organizer, { title: "", startsAt: "tomorrow", endsAt: at("10:30"), stageId }),
      params({ conference: conferenceSlug }),
    );
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; fields: Record<string, string[]> } };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fields.title).toEqual(["Give the talk a title"]);
    expect(error.fields.startsAt).toEqual(["Enter a date and time"]);
  });

  it("moves a talk and warns about the overlap it causes", async () => {
    const a = (await (
      await talks.POST(
        json("POST", "/x", organizer, { title: "A", startsAt: at("13:00"), endsAt: at("14:00"), stageId }),
        params({ conference: conferenceSlug }),
      )
    ).json()) as {
      talk: { id: string };
    };
    const b = (await (
      await talks.POST(
        json("POST", "/x", organizer, { title: "B", startsAt: at("15:00"), endsAt: at("15:30"), stageId }),
        params({ conference: conferenceSlug }),
      )
    ).json()) as {
      talk: { id: string };
    };
    const response = await move.POST(
      json("POST", "/x", organizer, { stageId, startsAt: at("13:45") }),
      params({ conference: conferenceSlug, talkId: b.talk.id }),
    );
    expect(response.status).toBe(200);
    const moved = (await response.json()) as { talk: { endsAt: string }; conflicts: { kind: string; talkIds: string[] }[] };
    expect(moved.talk.endsAt).toBe(at("14:15"));
    expect(moved.conflicts).toEqual([expect.objectContaining({ kind: "STAGE_OVERLAP", talkIds: [a.talk.id, b.talk.id] })]);
    const forbidden = await move.POST(
      json("POST", "/x", attendee, { stageId, startsAt: at("18:00") }),
      params({ conference: conferenceSlug, talkId: b.talk.id }),
    );
    expect(forbidden.status).toBe(403);
  });

  it("deletes a talk, and answers 404 for one that does not exist", async () => {
    const created = (await (
      await talks.POST(
        json("POST", "/x", organizer, { title: "Gone", startsAt: at("20:00"), endsAt: at("20:30"), stageId }),
        params({ conference: conferenceSlug }),
      )
    ).json()) as {
      talk: { id: string };
    };
    expect((await talk.DELETE(json("DELETE", "/x", organizer), params({ conference: conferenceSlug, talkId: created.talk.id }))).status).toBe(200);
    expect((await talk.GET(json("GET", "/x", organizer), params({ conference: conferenceSlug, talkId: created.talk.id }))).status).toBe(404);
  });

  it("imports an uploaded file through the multipart form", async () => {
    const form = new FormData();
    const xml = `<schedule><day index="1" date="2026-06-01"><room name="Main"><event guid="g-1" id="1">
      <date>2026-06-01T16:00:00+02:00</date><duration>00:20</duration><room>Main</room><title>Uploaded</title>
      <persons><person id="5">Up Loader</person></persons></event></room></day></schedule>`;
    form.set("file", new File([xml], "schedule.xml", { type: "application/xml" }));
    const response = await importRoute.POST(
      new Request("http://localhost/api/admin/import", { method: "POST", headers: { cookie: organizer }, body: form }),
      params({ conference: conferenceSlug }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ format: "frab-xml", talks: { created: 1 }, stages: { unchanged: 1 } });
  });

  it("imports a room name that is long only before cleaning (once a 500), and takes overwriteEdits from the form", async () => {
    const room = `Work\u00ADshop ${"Ro\u00ADom\u00AD".repeat(15)}`;
    const xml = `<schedule><day index="1" date="2026-06-01"><room name="${room}"><event guid="g-long" id="2">
      <date>2026-06-01T17:00:00+02:00</date><duration>00:20</duration><room>${room}</room><title>Long Room</title></event></room></day></schedule>`;
    const upload = async (overwrite: boolean) => {
      const form = new FormData();
      form.set("file", new File([xml], "schedule.xml", { type: "application/xml" }));
      if (overwrite) form.set("overwriteEdits", "true");
      return importRoute.POST(
        new Request("http://localhost/api/admin/import", { method: "POST", headers: { cookie: organizer }, body: form }),
        params({ conference: conferenceSlug }),
      );
    };
    const first = await upload(false);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ talks: { created: 1 }, stages: { created: 1 } });
    const talkRow = await prisma.talk.findFirstOrThrow({ where: { conferenceId, externalId: "g-long" } });
    await talk.PATCH(json("PATCH", "/x", organizer, { title: "Long Room, renamed" }), params({ conference: conferenceSlug, talkId: talkRow.id }));
    expect(await (await upload(false)).json()).toMatchObject({ kept: [{ talkId: talkRow.id, fields: ["title"] }], overwritten: [] });
    expect(await (await upload(true)).json()).toMatchObject({ kept: [], overwritten: [{ talkId: talkRow.id, fields: ["title"] }] });
  });
});
