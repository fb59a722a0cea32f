import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { createStage } from "@/lib/schedule-editor/create-stage";
import { createTalk } from "@/lib/schedule-editor/create-talk";
import { moveTalk } from "@/lib/schedule-editor/move-talk";
import { importSchedule } from "@/lib/import/import-schedule";
import { at, createTestConference } from "./fixtures";

type Changed = { conferenceId: string; talkId?: string; at: string };

describe("live schedule updates", () => {
  let server: RealtimeServer;
  let conferenceId: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    conferenceId = (await createTestConference()).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server.close();
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  async function openSchedulePage(): Promise<{ changes: Changed[]; next: () => Promise<Changed> }> {
    const socket = connect(`http://127.0.0.1:${server.port}`, { transports: ["websocket"], forceNew: true });
    sockets.push(socket);
    const changes: Changed[] = [];
    const waiters: ((c: Changed) => void)[] = [];
    socket.on("schedule:changed", (c: Changed) => {
      changes.push(c);
      waiters.shift()?.(c);
    });
    const ack = await socket.timeout(5000).emitWithAck("conference:join", { conferenceId });
    expect(ack).toEqual({ ok: true, talk: null }); // no talk asked about: no talk status
    return { changes, next: () => new Promise((resolve) => waiters.push(resolve)) };
  }

  it("tells every open schedule page when a talk is moved", async () => {
    const stage = (await createStage({ conferenceId, input: { name: "Main" } })).stage.id;
    const { talk } = await createTalk({
      conferenceId,
      input: { title: "Moving", startsAt: at("10:00"), endsAt: at("10:30"), stageId: stage } as never,
    });
    const [pageA, pageB] = [await openSchedulePage(), await openSchedulePage()];
    const heard = Promise.all([pageA.next(), pageB.next()]);
    await moveTalk({ conferenceId, talkId: talk.id, input: { stageId: stage, startsAt: at("12:00") } });
    const [a, b] = await heard;
    expect(a).toMatchObject({ conferenceId, talkId: talk.id });
    expect(b).toMatchObject({ conferenceId, talkId: talk.id });
  });

  it("tells open schedule pages when a schedule is imported", async () => {
    const page = await openSchedulePage();
    const heard = page.next();
    const xml = `<schedule><day index="1" date="2026-06-01"><room name="Main"><event guid="live-import-1" id="1">
      <date>2026-06-01T15:00:00+02:00</date><duration>00:30</duration><title>Imported live</title></event></room></day></schedule>`;
    await importSchedule({ conferenceId, input: { source: xml } });
    expect(await heard).toMatchObject({ conferenceId });
  });

  it("does not tell pages of another conference", async () => {
    const other = await createTestConference();
    const page = await openSchedulePage();
    const stage = (await createStage({ conferenceId: other.id, input: { name: "Elsewhere" } })).stage.id;
    await createTalk({ conferenceId: other.id, input: { title: "Not yours", startsAt: at("10:00"), endsAt: at("10:30"), stageId: stage } as never });
    // A change in our conference afterwards arrives, and is the only one this page heard.
    const heard = page.next();
    await createStage({ conferenceId, input: { name: "Second" } });
    await heard;
    expect(page.changes.every((c) => c.conferenceId === conferenceId)).toBe(true);
    await prisma.conference.delete({ where: { id: other.id } });
  });
});
