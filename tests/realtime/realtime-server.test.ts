import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { setTalkStatus } from "@/lib/schedule/set-talk-status";
import { createConference, createUser } from "../support/fixtures";

type AckResult = { ok: boolean; error?: { code: string; message: string }; talk?: { id: string; status: string } };

describe("realtime server (real socket.io server and clients, real PostgreSQL)", () => {
  let server: RealtimeServer;
  let url: string;
  let fx: Awaited<ReturnType<typeof createConference>>;
  const sockets: Socket[] = [];
  const open = (cookie?: string) => {
    const s = connect(url, { transports: ["websocket"], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
    sockets.push(s);
    return new Promise<Socket>((resolve, reject) => {
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  };
  const emit = (s: Socket, event: string, payload: unknown) => s.timeout(5000).emitWithAck(event, payload) as Promise<AckResult>;

  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${server.port}`;
    fx = await createConference();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await server.close();
  });

  it("answers /healthz", async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("accepts a connection authenticated by the web session cookie and lets a ticket holder join a talk", async () => {
    const holder = await createUser({ conferenceId: fx.conference.id, ticket: true });
    const socket = await open(holder.cookie);
    const ack = await emit(socket, "talk:join", { talkId: fx.talks.webTalk.id });
    expect(ack).toMatchObject({ ok: true, talk: { id: fx.talks.webTalk.id, status: "SCHEDULED" } });
  });

  it("refuses anonymous and ticketless sockets where a ticket is required, with an error ack", async () => {
    const anonymous = await open();
    expect(await emit(anonymous, "talk:join", { talkId: fx.talks.webTalk.id })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    // A public talk is open to everyone.
    expect(await emit(anonymous, "talk:join", { talkId: fx.talks.keynote.id })).toMatchObject({ ok: true });
    const ticketless = await createUser();
    const s = await open(ticketless.cookie);
    expect(await emit(s, "talk:join", { talkId: fx.talks.webTalk.id })).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
  });

  it("a forged cookie is treated as anonymous", async () => {
    const s = await open("better-auth.session_token=forged.value");
    expect(await emit(s, "talk:join", { talkId: fx.talks.webTalk.id })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });

  it("answers malformed payloads and unknown talks with error acks", async () => {
    const s = await open();
    expect(await emit(s, "talk:join", { talkId: 42 })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await emit(s, "talk:join", "garbage")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await emit(s, "talk:join", { talkId: "does-not-exist" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("pushes talk:status to clients in the talk's room when a talk goes live and ends", async () => {
    const holder = await createUser({ conferenceId: fx.conference.id, ticket: true });
    const socket = await open(holder.cookie);
    await emit(socket, "talk:join", { talkId: fx.talks.sideTalk.id });
    const received: string[] = [];
    const next = () => new Promise<{ talkId: string; status: string }>((resolve) => socket.once("talk:status", resolve));
    let pending = next();
    await setTalkStatus({ talkId: fx.talks.sideTalk.id, status: "LIVE" });
    const live = await pending;
    received.push(live.status);
    expect(live).toMatchObject({ talkId: fx.talks.sideTalk.id, conferenceId: fx.conference.id, status: "LIVE" });
    pending = next();
    await setTalkStatus({ talkId: fx.talks.sideTalk.id, status: "ENDED" });
    received.push((await pending).status);
    expect(received).toEqual(["LIVE", "ENDED"]);
  });

  it("schedule pages get status changes through the conference room without a ticket", async () => {
    const s = await open();
    expect(await emit(s, "conference:join", { conferenceId: fx.conference.id })).toMatchObject({ ok: true });
    const pending = new Promise<{ status: string }>((resolve) => s.once("talk:status", resolve));
    await setTalkStatus({ talkId: fx.talks.webTalk.id, status: "LIVE" });
    expect((await pending).status).toBe("LIVE");
  });

  it("a talk page joining its conference learns its talk's status as of joining (a change since the render is not missed)", async () => {
    // The page was rendered while the talk was live; it ended before the page's socket joined.
    await setTalkStatus({ talkId: fx.talks.sideTalk.id, status: "LIVE" });
    await setTalkStatus({ talkId: fx.talks.sideTalk.id, status: "ENDED" });
    const s = await open();
    expect(await emit(s, "conference:join", { conferenceId: fx.conference.id, talkId: fx.talks.sideTalk.id })).toMatchObject({
      ok: true,
      talk: { id: fx.talks.sideTalk.id, status: "ENDED" },
    });
    // Only talks of that conference; schedule pages ask for none.
    const other = await createConference();
    expect(await emit(s, "conference:join", { conferenceId: fx.conference.id, talkId: other.talks.webTalk.id })).toMatchObject({
      ok: true,
      talk: null,
    });
    expect(await emit(s, "conference:join", { conferenceId: fx.conference.id })).toMatchObject({ ok: true, talk: null });
  });

  it("parses an ack-only call as an empty input and names the missing field", async () => {
    const s = await open();
    const ack = (await s.timeout(5000).emitWithAck("talk:join")) as AckResult & { error?: { fields?: Record<string, string[]> } };
    expect(ack).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(Object.keys(ack.error?.fields ?? {})).toEqual(["talkId"]);
  });

  it("handles an event sent without an ack callback", async () => {
    const s = await open();
    s.emit("talk:join", { talkId: fx.talks.keynote.id });
    await vi.waitFor(() => expect(server.io.of("/").adapter.rooms.get(`talk:${fx.talks.keynote.id}`)?.has(s.id!)).toBe(true));
    // A failing event without an ack answers nobody and does not bring the server down.
    s.emit("talk:join", { talkId: 42 });
    expect(await emit(s, "talk:leave", { talkId: fx.talks.keynote.id })).toMatchObject({ ok: true });
  });

  it("ignores events outside the contract", async () => {
    const s = await open();
    await expect(s.timeout(500).emitWithAck("no:such-event", {})).rejects.toThrow();
    expect(await emit(s, "talk:join", { talkId: fx.talks.keynote.id })).toMatchObject({ ok: true });
  });
});
