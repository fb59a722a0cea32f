import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import * as chapters from "@/app/api/talks/[talkId]/chapters/route";
import * as chapter from "@/app/api/talks/[talkId]/chapters/[chapterId]/route";
import type { TalkChaptersEvent } from "@/lib/chapters/events";
import { createConference, createUser, uid } from "../support/fixtures";
import { clientPool, emit } from "../chat/helpers";

// Chapters marked during or after a talk reach everyone watching it without a reload: the web
// app's route stores the change and publishes `chapters:changed` (pg_notify); the realtime node
// reads the list once and pushes it to the talk's room as `talk:chapters`. Real socket.io clients
// against a real server, real route handlers, real PostgreSQL.

const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });
const json = (method: string, url: string, cookie: string, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("chapters are pushed live to the talk's viewers", () => {
  let server: RealtimeServer;
  const pool = clientPool(() => `http://127.0.0.1:${server.port}`);
  let conferenceId: string;
  let talkId: string;
  let otherTalkId: string;
  let speaker: string;
  let viewer: Socket;
  let otherRoom: Socket;
  const received: TalkChaptersEvent[] = [];
  const strayed: TalkChaptersEvent[] = [];
  const latest = () => received.at(-1)?.chapters.map((c) => [c.title, c.offsetSeconds]);

  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    const { conference, talks } = await createConference();
    conferenceId = conference.id;
    talkId = talks.webTalk.id;
    otherTalkId = talks.sideTalk.id;
    const user = await createUser({ conferenceId, role: "SPEAKER" });
    const profile = await prisma.speaker.create({ data: { conferenceId, userId: user.id, slug: `speaker-${uid()}`, name: "Speaker" } });
    await prisma.talkSpeaker.create({ data: { talkId, speakerId: profile.id } });
    speaker = user.cookie;

    const attendee = await createUser({ conferenceId, ticket: true });
    viewer = await pool.open(attendee.cookie);
    expect(await emit(viewer, "talk:join", { talkId })).toMatchObject({ ok: true });
    viewer.on("talk:chapters", (event: TalkChaptersEvent) => received.push(event));
    // Someone watching another talk of the same conference hears nothing of this one.
    otherRoom = await pool.open((await createUser({ conferenceId, ticket: true })).cookie);
    expect(await emit(otherRoom, "talk:join", { talkId: otherTalkId })).toMatchObject({ ok: true });
    otherRoom.on("talk:chapters", (event: TalkChaptersEvent) => strayed.push(event));
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.close();
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("a viewer gets the chapter list after a chapter is created, updated and deleted", async () => {
    const base = `/api/talks/${talkId}/chapters`;
    const created = await chapters.POST(json("POST", base, speaker, { title: "Why HLS?", offsetSeconds: 90 }), params({ talkId }));
    expect(created.status).toBe(201);
    const { chapter: first } = (await created.json()) as { chapter: { id: string } };
    await vi.waitFor(() => expect(latest()).toEqual([["Why HLS?", 90]]), { timeout: 15_000 });

    expect((await chapters.POST(json("POST", base, speaker, { title: "Intro", offsetSeconds: 0 }), params({ talkId }))).status).toBe(201);
    await vi.waitFor(
      () =>
        expect(latest()).toEqual([
          ["Intro", 0],
          ["Why HLS?", 90],
        ]),
      { timeout: 15_000 },
    );

    const updated = await chapter.PATCH(
      json("PATCH", `${base}/${first.id}`, speaker, { title: "Why HLS, really?", offsetSeconds: 120 }),
      params({ talkId, chapterId: first.id }),
    );
    expect(updated.status).toBe(200);
    await vi.waitFor(
      () =>
        expect(latest()).toEqual([
          ["Intro", 0],
          ["Why HLS, really?", 120],
        ]),
      { timeout: 15_000 },
    );

    const deleted = await chapter.DELETE(json("DELETE", `${base}/${first.id}`, speaker), params({ talkId, chapterId: first.id }));
    expect(deleted.status).toBe(200);
    await vi.waitFor(() => expect(latest()).toEqual([["Intro", 0]]), { timeout: 15_000 });
    expect(received.every((event) => event.talkId === talkId)).toBe(true);
    expect(strayed).toEqual([]);
  });

  it("a refused change (bad input, NUL, no right) answers 4xx and pushes nothing", async () => {
    const base = `/api/talks/${talkId}/chapters`;
    const before = received.length;
    const attendee = await createUser({ conferenceId, ticket: true });
    const answers = await Promise.all([
      chapters.POST(json("POST", base, speaker, { title: "A\u0000B", offsetSeconds: 5 }), params({ talkId })),
      chapters.POST(json("POST", base, speaker, { title: "Late", offsetSeconds: -1 }), params({ talkId })),
      chapters.POST(json("POST", base, speaker, { title: "Intro again", offsetSeconds: 0 }), params({ talkId })),
      chapters.POST(json("POST", base, attendee.cookie, { title: "Mine", offsetSeconds: 7 }), params({ talkId })),
      chapter.DELETE(json("DELETE", `${base}/no-such-chapter`, speaker), params({ talkId, chapterId: "no-such-chapter" })),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 409, 403, 404]);
    // A valid change afterwards is the next push: nothing came in between.
    expect((await chapters.POST(json("POST", base, speaker, { title: "Outro", offsetSeconds: 600 }), params({ talkId }))).status).toBe(201);
    await vi.waitFor(
      () =>
        expect(latest()).toEqual([
          ["Intro", 0],
          ["Outro", 600],
        ]),
      { timeout: 15_000 },
    );
    expect(received.length).toBe(before + 1);
  });

  it("a burst of changes ends with the latest list", async () => {
    const base = `/api/talks/${talkId}/chapters`;
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) => chapters.POST(json("POST", base, speaker, { title: `Part ${n}`, offsetSeconds: n * 10 }), params({ talkId }))),
    );
    await vi.waitFor(() => expect(received.at(-1)?.chapters).toHaveLength(7), { timeout: 15_000 });
    expect(strayed).toEqual([]);
  });
});
