import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { auth } from "@/lib/auth/auth";
import { env } from "@/lib/config/env";
import { revokeTicket } from "@/lib/tickets/revoke-ticket";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { configureAudience } from "@/server/audience";
import { createUser } from "../support/fixtures";
import { chatCast, clientPool, emit, nextEvent } from "../chat/helpers";

/** Resolves with the reason when the socket is disconnected (by the server or a closed transport). */
const dropped = (s: Socket, timeoutMs = 10_000) => nextEvent<string>(s, "disconnect", timeoutMs);

/** Opens again with the cookie it had: what a browser tab does after the server dropped it. */
const reopen = (s: Socket) =>
  new Promise<Socket>((resolve, reject) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", reject);
    s.connect();
  });

describe("sockets follow the session and the rules (real socket.io server and clients, real PostgreSQL)", () => {
  // Long sweeps here: what drops a socket in these tests is the event, not the periodic check.
  let server: RealtimeServer;
  // A node that re-checks its sockets' sessions every 200 ms.
  let sweeping: RealtimeServer;
  let cast: Awaited<ReturnType<typeof chatCast>>;
  const pool = clientPool(() => `http://127.0.0.1:${server.port}`);

  beforeAll(async () => {
    configureAudience({ presenceIntervalMs: 150 });
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1", sessions: { sweepIntervalMs: 3_600_000 } });
    sweeping = await startRealtimeServer({ port: 0, host: "127.0.0.1", sessions: { sweepIntervalMs: 200 } });
    cast = await chatCast();
  });
  afterAll(async () => {
    pool.closeAll();
    await server.close();
    await sweeping.close();
  });

  describe("the session", () => {
    it("signing out drops the socket, and the tab's chat no longer sends under the old name", async () => {
      const dana = await createUser({ conferenceId: cast.conferenceId, ticket: true, name: "Dana" });
      const room = { talkId: cast.fx.talks.webTalk.id };
      const s = await pool.open(dana.cookie);
      expect(await emit(s, "chat:join", { room })).toMatchObject({ ok: true, canChat: true, me: { name: "Dana" } });
      const gone = dropped(s);
      await auth.api.signOut({ headers: new Headers({ cookie: dana.cookie }) });
      expect(await gone).toBe("io server disconnect");
      // The same cookie comes back (as a stale tab would): its session is over, so it is nobody.
      await reopen(s);
      expect(await emit(s, "chat:send", { room, body: "still me?" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
      expect(await prisma.chatMessage.count({ where: { userId: dana.id } })).toBe(0);
    });

    it("a session deleted behind better-auth's back drops its sockets at the next check", async () => {
      const erin = await createUser({ conferenceId: cast.conferenceId, ticket: true, name: "Erin" });
      const s = await pool.open(erin.cookie, { url: `http://127.0.0.1:${sweeping.port}` });
      const gone = dropped(s);
      await prisma.session.deleteMany({ where: { userId: erin.id } });
      expect(await gone).toBe("io server disconnect");
    });

    it("an event from a socket whose session has ended is refused", async () => {
      const fay = await createUser({ conferenceId: cast.conferenceId, ticket: true, name: "Fay" });
      const s = await pool.open(fay.cookie);
      // Expired, not deleted: no event tells the node; the check before the event does.
      await prisma.session.updateMany({ where: { userId: fay.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      const gone = dropped(s);
      expect(await emit(s, "chat:send", { room: { talkId: cast.fx.talks.webTalk.id }, body: "hello" })).toMatchObject({
        ok: false,
        error: { code: "UNAUTHENTICATED" },
      });
      await gone;
    });

    it("revoking a ticket drops its holder's sockets, which come back without the talk", async () => {
      const gus = await createUser({ conferenceId: cast.conferenceId, ticket: true, name: "Gus" });
      const room = { talkId: cast.fx.talks.webTalk.id };
      const s = await pool.open(gus.cookie);
      const bystander = await pool.open(cast.bob.cookie);
      expect(await emit(s, "talk:join", room)).toMatchObject({ ok: true });
      expect(await emit(s, "chat:join", { room })).toMatchObject({ ok: true, canChat: true });
      expect(await emit(bystander, "chat:join", { room })).toMatchObject({ ok: true });
      const ticket = await prisma.ticket.findFirstOrThrow({ where: { userId: gus.id, conferenceId: cast.conferenceId } });
      const gone = dropped(s);
      await revokeTicket({ ticketId: ticket.id, conferenceId: cast.conferenceId });
      await gone;
      await reopen(s);
      expect(await emit(s, "talk:join", room)).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
      expect(await emit(s, "chat:join", { room })).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
      expect(await emit(s, "chat:send", { room, body: "still here" })).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
      // Nobody else lost anything.
      expect(bystander.connected).toBe(true);
      expect(await emit(bystander, "chat:send", { room, body: "I stay" })).toMatchObject({ ok: true });
    });
  });

  describe("the handshake and frames", () => {
    const openWithOrigin = (origin: string) =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect(`http://127.0.0.1:${server.port}`, { transports: ["websocket"], extraHeaders: { origin }, reconnection: false });
        s.once("connect", () => resolve(s));
        s.once("connect_error", (error) => {
          s.close();
          reject(error);
        });
      });

    it("refuses a handshake from a page of another origin, and accepts our own", async () => {
      await expect(openWithOrigin("http://evil.example")).rejects.toThrow();
      const ours = await openWithOrigin(env.PUBLIC_URL);
      expect(ours.connected).toBe(true);
      ours.close();
    });

    it("an ordinary socket's 1 MB frame is refused, while the talk's publisher can push a 1 MB chunk", async () => {
      const anonymous = await pool.open();
      const cut = dropped(anonymous);
      anonymous.emit("chat:send", { room: { talkId: cast.fx.talks.keynote.id }, body: "x".repeat(1024 * 1024) });
      expect(await cut).toBe("transport close");

      const attendee = await pool.open(cast.alice.cookie);
      const cutToo = dropped(attendee);
      attendee.emit("media:chunk", { talkId: cast.fx.talks.webTalk.id, seq: 0, data: Buffer.alloc(1024 * 1024, 1) });
      expect(await cutToo).toBe("transport close");

      const studio = await pool.open(cast.speaker.cookie);
      const talkId = cast.fx.talks.webTalk.id;
      // Before it publishes, the speaker's socket is an ordinary one too; after, chunks fit. (A private
      // test stream: the talk's slot is days away, too early to go public.)
      expect(await emit(studio, "media:publish", { talkId, streamId: randomUUID(), mode: "test" })).toMatchObject({ ok: true });
      // A WebM header's magic number first, so the ingest takes the chunk (it is no playable video).
      const chunk = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(1024 * 1024, 1)]);
      expect(await emit(studio, "media:chunk", { talkId, seq: 0, data: chunk })).toMatchObject({ ok: true, seq: 0 });
      expect(studio.connected).toBe(true);
      await emit(studio, "media:discard-test", { talkId });
    });
  });

  describe("moderation", () => {
    it("a speaker's mute holds in their own talk's room only; an organizer's holds everywhere", async () => {
      const { fx, conferenceId, alice, bob, speaker, organizer } = await chatCast();
      const own = { talkId: fx.talks.webTalk.id };
      const other = { talkId: fx.talks.sideTalk.id };
      const sAlice = await pool.open(alice.cookie);
      const sBob = await pool.open(bob.cookie);
      const sSpeaker = await pool.open(speaker.cookie);
      const sOrganizer = await pool.open(organizer.cookie);
      const speakersMute = await emit(sSpeaker, "chat:sanction", { room: own, userId: alice.id, kind: "MUTE", minutes: 60 });
      expect(speakersMute).toMatchObject({ ok: true });
      expect(await emit(sAlice, "chat:send", { room: own, body: "muted here" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(sAlice, "chat:join", { room: own })).toMatchObject({ ok: true, sanction: { kind: "MUTE" } });
      expect(await emit(sAlice, "chat:send", { room: other, body: "fine here" })).toMatchObject({ ok: true });
      expect(await emit(sAlice, "chat:send", { room: { conferenceId }, body: "and in the hallway" })).toMatchObject({ ok: true });
      expect(await emit(sAlice, "chat:join", { room: other })).toMatchObject({ ok: true, sanction: null });
      expect(speakersMute.sanction.talkId).toBe(own.talkId);

      expect(await emit(sOrganizer, "chat:sanction", { room: own, userId: bob.id, kind: "MUTE", minutes: 60 })).toMatchObject({
        ok: true,
        sanction: { talkId: null },
      });
      for (const room of [own, other, { conferenceId }]) {
        expect(await emit(sBob, "chat:send", { room, body: "hello?" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      }
    });

    it("a banned account cannot vote in polls or upvote questions", async () => {
      const { fx, alice, carol, speaker, organizer, conferenceId } = await chatCast();
      const talkId = fx.talks.webTalk.id;
      const sCarol = await pool.open(carol.cookie);
      const sAlice = await pool.open(alice.cookie);
      const sSpeaker = await pool.open(speaker.cookie);
      const sOrganizer = await pool.open(organizer.cookie);
      const poll = (await emit(sSpeaker, "poll:create", { talkId, question: "Tabs or spaces?", options: ["Tabs", "Spaces"] })).poll;
      const question = (await emit(sAlice, "qa:ask", { talkId, body: "What about accessibility?" })).question;
      expect(await emit(sOrganizer, "chat:sanction", { room: { conferenceId }, userId: carol.id, kind: "BAN" })).toMatchObject({ ok: true });

      expect(await emit(sCarol, "poll:vote", { pollId: poll.id, optionIds: [poll.options[0].id] })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", message: expect.stringMatching(/banned/) },
      });
      expect(await emit(sCarol, "qa:vote", { questionId: question.id, on: true })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN", message: expect.stringMatching(/banned/) },
      });
      expect(await prisma.pollBallot.count({ where: { pollId: poll.id } })).toBe(0);
      expect(await prisma.questionVote.count({ where: { questionId: question.id } })).toBe(0);
      // Others still can.
      expect(await emit(sAlice, "poll:vote", { pollId: poll.id, optionIds: [poll.options[0].id] })).toMatchObject({ ok: true });
    });

    it("anonymous viewers of a public talk get the watcher count but not who is watching", async () => {
      const talkId = cast.fx.talks.keynote.id;
      const anonymous = await pool.open();
      const signedIn = await pool.open(cast.carol.cookie);
      expect(await emit(anonymous, "talk:join", { talkId })).toMatchObject({ ok: true });
      const named = new Promise<{ count: number; users: { id: string; name: string }[] }>((resolve) => {
        const on = (p: { talkId: string; count: number; users: { id: string; name: string }[] }) => {
          if (p.talkId !== talkId || !p.users.some((u) => u.id === cast.carol.id)) return;
          signedIn.off("presence:update", on);
          resolve(p);
        };
        signedIn.on("presence:update", on);
      });
      const seenByAnonymous: { count: number; users: unknown[] }[] = [];
      anonymous.on("presence:update", (p) => seenByAnonymous.push(p));
      expect(await emit(signedIn, "talk:join", { talkId })).toMatchObject({ ok: true });
      // Signed-in watchers see who is here; the anonymous viewer gets the same count without them.
      const update = await named;
      expect(update.users).toContainEqual({ id: cast.carol.id, name: "Carol" });
      while (!seenByAnonymous.some((p) => p.count >= update.count)) await new Promise((r) => setTimeout(r, 20));
      for (const p of seenByAnonymous) expect(p.users).toEqual([]);
      const joined = await emit(anonymous, "chat:join", { room: { talkId } });
      expect(joined).toMatchObject({ ok: true });
      expect(joined.presence.count).toBeGreaterThanOrEqual(2);
      expect(joined.presence.users).toEqual([]);
    });
  });
});
