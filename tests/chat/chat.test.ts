import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { configureAudience } from "@/server/audience";
import { createUser } from "../support/fixtures";
import { chatCast, clientPool, collectChat, emit, nextEvent, sleep } from "./helpers";

describe("chat on the realtime server (real socket.io clients, real server, real PostgreSQL)", () => {
  let server: RealtimeServer;
  let url: string;
  let cast: Awaited<ReturnType<typeof chatCast>>;
  const pool = clientPool(() => url);
  const talkRoom = () => ({ talkId: cast.fx.talks.webTalk.id });
  const hallway = () => ({ conferenceId: cast.conferenceId });

  beforeAll(async () => {
    configureAudience({ presenceIntervalMs: 200 });
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${server.port}`;
    cast = await chatCast();
  });
  afterAll(async () => {
    pool.closeAll();
    await server.close();
  });

  it("delivers a message to everyone in the room after persisting it, with author, badge and time", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const bob = await pool.open(cast.bob.cookie);
    expect(await emit(alice, "chat:join", { room: talkRoom() })).toMatchObject({ ok: true, canChat: true, canModerate: false });
    await emit(bob, "chat:join", { room: talkRoom() });
    const inbox = collectChat(bob);
    const ack = await emit(alice, "chat:send", { room: talkRoom(), body: "  Hello room  " });
    expect(ack).toMatchObject({ ok: true, message: { body: "Hello room", author: { id: cast.alice.id, name: "Alice", badge: null } } });
    await inbox.waitFor((e) => e.some((x) => x.type === "message" && x.message.id === ack.message.id));
    const row = await prisma.chatMessage.findUnique({ where: { id: BigInt(ack.message.id) } });
    expect(row).toMatchObject({ body: "Hello room", userId: cast.alice.id, talkId: cast.fx.talks.webTalk.id });
    expect(Date.parse(ack.message.createdAt)).toBeGreaterThan(Date.now() - 10_000);

    const speaker = await pool.open(cast.speaker.cookie);
    await emit(speaker, "chat:join", { room: talkRoom() });
    expect((await emit(speaker, "chat:send", { room: talkRoom(), body: "Welcome!" })).message.author.badge).toBe("speaker");
    const organizer = await pool.open(cast.organizer.cookie);
    expect((await emit(organizer, "chat:send", { room: talkRoom(), body: "Hi" })).message.author.badge).toBe("organizer");
  });

  it("keeps talk rooms and the hallway apart", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const bob = await pool.open(cast.bob.cookie);
    await emit(alice, "chat:join", { room: hallway() });
    await emit(bob, "chat:join", { room: { talkId: cast.fx.talks.sideTalk.id } });
    const bobInbox = collectChat(bob);
    const aliceInbox = collectChat(alice);
    await emit(alice, "chat:send", { room: hallway(), body: "hallway only" });
    await aliceInbox.waitFor((e) => e.length === 1);
    await sleep(150);
    expect(bobInbox.events).toHaveLength(0);
    expect(aliceInbox.messages()[0]).toMatchObject({ body: "hallway only", talkId: null, roomKey: `hallway:${cast.conferenceId}` });
  });

  it("refuses chat to anonymous sockets and to accounts without a ticket", async () => {
    const anonymous = await pool.open();
    expect(await emit(anonymous, "chat:send", { room: talkRoom(), body: "hi" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    const outsider = await pool.open(cast.outsider.cookie);
    expect(await emit(outsider, "chat:send", { room: talkRoom(), body: "hi" })).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
    expect(await emit(outsider, "chat:join", { room: hallway() })).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
    // A public talk can be read without an account, but not written to.
    expect(await emit(anonymous, "chat:join", { room: { talkId: cast.fx.talks.keynote.id } })).toMatchObject({ ok: true, canChat: false });
  });

  it("serves history on join (latest page, oldest first), 'load earlier' and resume after an id", async () => {
    const { fx } = await chatCast();
    const room = { talkId: fx.talks.sideTalk.id };
    const rows = Array.from({ length: 60 }, (_, i) => ({
      conferenceId: fx.conference.id,
      talkId: room.talkId,
      userId: cast.alice.id,
      body: `m${i}`,
    }));
    await prisma.chatMessage.createMany({ data: rows });
    const reader = await createUser({ conferenceId: fx.conference.id, role: "ORGANIZER" });
    const organizerOfOther = await pool.open(reader.cookie);
    const joined = await emit(organizerOfOther, "chat:join", { room });
    expect(joined.ok).toBe(true);
    expect(joined.messages).toHaveLength(50);
    expect(joined.messages[0].body).toBe("m10");
    expect(joined.messages[49].body).toBe("m59");
    expect(joined.hasMore).toBe(true);
    const earlier = await emit(organizerOfOther, "chat:history", { room, beforeId: joined.messages[0].id });
    expect(earlier.messages.map((m: any) => m.body)).toEqual(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(earlier.hasMore).toBe(false);
    const after = await emit(organizerOfOther, "chat:history", { room, afterId: joined.messages[46].id });
    expect(after.messages.map((m: any) => m.body)).toEqual(["m57", "m58", "m59"]);
  });

  it("counts each emoji reaction once per person and tells the room", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const bob = await pool.open(cast.bob.cookie);
    await emit(alice, "chat:join", { room: talkRoom() });
    await emit(bob, "chat:join", { room: talkRoom() });
    const sent = await emit(alice, "chat:send", { room: talkRoom(), body: "react to me" });
    const inbox = collectChat(alice);
    const messageId = sent.message.id;
    expect(await emit(bob, "chat:react", { messageId, emoji: "🎉", on: true })).toMatchObject({ ok: true, reaction: { count: 1 } });
    expect(await emit(bob, "chat:react", { messageId, emoji: "🎉", on: true })).toMatchObject({ ok: true, reaction: { count: 1 } });
    expect(await emit(alice, "chat:react", { messageId, emoji: "🎉", on: true })).toMatchObject({ ok: true, reaction: { count: 2 } });
    expect(await emit(bob, "chat:react", { messageId, emoji: "🎉", on: false })).toMatchObject({ ok: true, reaction: { count: 1 } });
    expect(await emit(bob, "chat:react", { messageId, emoji: "<b>", on: true })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    await inbox.waitFor((e) => e.some((x) => x.type === "reaction" && x.on === false));
    expect(inbox.events.filter((x) => x.type === "reaction").at(-1)).toMatchObject({ messageId, emoji: "🎉", count: 1, on: false });
    const history = await emit(bob, "chat:history", { room: talkRoom(), afterId: (BigInt(messageId) - 1n).toString() });
    expect(history.messages[0].reactions).toEqual([{ emoji: "🎉", count: 1 }]);
  });

  it("keeps an XSS payload as plain text, byte for byte", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const bob = await pool.open(cast.bob.cookie);
    await emit(bob, "chat:join", { room: hallway() });
    const inbox = collectChat(bob);
    const payload = `<img src=x onerror="alert(1)"><script>alert('x')</script> javascript:alert(1)`;
    const ack = await emit(alice, "chat:send", { room: hallway(), body: payload });
    expect(ack.message.body).toBe(payload);
    await inbox.waitFor((e) => e.length > 0);
    expect(inbox.messages()[0].body).toBe(payload);
    expect((await prisma.chatMessage.findUnique({ where: { id: BigInt(ack.message.id) } }))?.body).toBe(payload);
  });

  it("answers malformed and oversized payloads with error acks and keeps the connection", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const bad: unknown[] = [
      undefined,
      "garbage",
      {},
      { room: talkRoom() },
      { room: talkRoom(), body: 42 },
      { room: talkRoom(), body: "   " },
      { room: talkRoom(), body: "x".repeat(501) },
      { room: talkRoom(), body: "x".repeat(50_000) },
      { room: { talkId: cast.fx.talks.webTalk.id, conferenceId: cast.conferenceId }, body: "both" },
      { room: talkRoom(), body: "hi", admin: true },
    ];
    for (const payload of bad) {
      expect(await emit(alice, "chat:send", payload), JSON.stringify(payload)?.slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT" },
      });
    }
    expect(await emit(alice, "chat:delete", { messageId: "1; drop table" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await emit(alice, "chat:history", { room: talkRoom(), limit: 10_000 })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    // An event without an ack callback is handled and ignored, the socket stays usable.
    alice.emit("chat:send", { nonsense: true });
    expect(alice.connected).toBe(true);
    expect(await emit(alice, "chat:send", { room: talkRoom(), body: "still here" })).toMatchObject({ ok: true });
  });

  describe("moderation", () => {
    it("deletes a message for everyone: moderators any, authors their own, others refused", async () => {
      const alice = await pool.open(cast.alice.cookie);
      const bob = await pool.open(cast.bob.cookie);
      const speaker = await pool.open(cast.speaker.cookie);
      for (const s of [alice, bob, speaker]) await emit(s, "chat:join", { room: talkRoom() });
      const inbox = collectChat(bob);
      const m1 = (await emit(alice, "chat:send", { room: talkRoom(), body: "spam" })).message;
      const m2 = (await emit(alice, "chat:send", { room: talkRoom(), body: "oops" })).message;
      expect(await emit(bob, "chat:delete", { messageId: m1.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(speaker, "chat:delete", { messageId: m1.id })).toMatchObject({ ok: true });
      expect(await emit(alice, "chat:delete", { messageId: m2.id })).toMatchObject({ ok: true });
      await inbox.waitFor((e) => e.filter((x) => x.type === "delete").length === 2);
      const history = await emit(bob, "chat:join", { room: talkRoom() });
      expect(history.messages.map((m: any) => m.id)).not.toContain(m1.id);
      expect(history.messages.map((m: any) => m.id)).not.toContain(m2.id);
      expect((await prisma.chatMessage.findUnique({ where: { id: BigInt(m1.id) } }))?.deletedById).toBe(cast.speaker.id);

      // A speaker moderates only their own talk; organizers moderate everywhere.
      const side = { talkId: cast.fx.talks.sideTalk.id };
      const m3 = (await emit(alice, "chat:send", { room: side, body: "side" })).message;
      expect(await emit(speaker, "chat:delete", { messageId: m3.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      const organizer = await pool.open(cast.organizer.cookie);
      expect(await emit(organizer, "chat:delete", { messageId: m3.id })).toMatchObject({ ok: true });
    });

    it("mutes for a duration (speaker in own talk, organizer) and refuses attendees", async () => {
      const { fx, alice, bob, speaker } = await chatCast();
      const room = { talkId: fx.talks.webTalk.id };
      const sAlice = await pool.open(alice.cookie);
      const sBob = await pool.open(bob.cookie);
      const sSpeaker = await pool.open(speaker.cookie);
      await emit(sAlice, "chat:join", { room });
      expect(await emit(sBob, "chat:sanction", { room, userId: alice.id, kind: "MUTE", minutes: 5 })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(
        await emit(sSpeaker, "chat:sanction", { room: { talkId: fx.talks.sideTalk.id }, userId: alice.id, kind: "MUTE", minutes: 5 }),
      ).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(sSpeaker, "chat:sanction", { room, userId: alice.id, kind: "MUTE" })).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT" },
      });
      const notified = nextEvent(sAlice, "chat:sanctioned");
      const muted = await emit(sSpeaker, "chat:sanction", { room, userId: alice.id, kind: "MUTE", minutes: 5 });
      expect(muted).toMatchObject({ ok: true, sanction: { kind: "MUTE" } });
      expect(Date.parse(muted.sanction.until) - Date.now()).toBeGreaterThan(4 * 60_000);
      expect(await notified).toMatchObject({ kind: "MUTE", userId: alice.id });
      expect(await emit(sAlice, "chat:send", { room, body: "can I talk?" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(sBob, "chat:send", { room, body: "I can" })).toMatchObject({ ok: true });
      // The mute runs out by itself.
      await prisma.chatSanction.updateMany({ where: { userId: alice.id }, data: { until: new Date(Date.now() - 1000) } });
      expect(await emit(sAlice, "chat:send", { room, body: "back" })).toMatchObject({ ok: true });
    });

    it("bans by account (organizers only) so a rename does not escape it, until lifted", async () => {
      const { fx, conferenceId, alice, carol, speaker, organizer } = await chatCast();
      const room = { talkId: fx.talks.webTalk.id };
      const sCarol = await pool.open(carol.cookie);
      const sSpeaker = await pool.open(speaker.cookie);
      const sOrganizer = await pool.open(organizer.cookie);
      const sAlice = await pool.open(alice.cookie);
      expect(await emit(sSpeaker, "chat:sanction", { room, userId: carol.id, kind: "BAN" })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await emit(sAlice, "chat:sanction", { room: { conferenceId }, userId: carol.id, kind: "BAN" })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await emit(sSpeaker, "chat:sanction", { room, userId: organizer.id, kind: "MUTE", minutes: 5 })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await emit(sOrganizer, "chat:sanction", { room: { conferenceId }, userId: carol.id, kind: "BAN", reason: "spam" })).toMatchObject({
        ok: true,
      });
      for (const r of [room, { conferenceId }, { talkId: fx.talks.sideTalk.id }]) {
        expect(await emit(sCarol, "chat:send", { room: r, body: "hello?" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      }
      await prisma.user.update({ where: { id: carol.id }, data: { name: "Totally Not Carol" } });
      const renamed = await pool.open(carol.cookie);
      expect(await emit(renamed, "chat:send", { room, body: "new me" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(sAlice, "chat:lift", { conferenceId, userId: carol.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(sOrganizer, "chat:lift", { conferenceId, userId: carol.id })).toMatchObject({ ok: true, lifted: 1 });
      expect(await emit(renamed, "chat:send", { room, body: "thanks" })).toMatchObject({ ok: true });
    });

    it("slow mode per room: one message per interval for attendees, moderators exempt", async () => {
      const { fx, alice, bob, speaker } = await chatCast();
      const room = { talkId: fx.talks.webTalk.id };
      const sAlice = await pool.open(alice.cookie);
      const sBob = await pool.open(bob.cookie);
      const sSpeaker = await pool.open(speaker.cookie);
      await emit(sBob, "chat:join", { room });
      expect(await emit(sAlice, "chat:slow-mode", { room, seconds: 30 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      const pushed = nextEvent(sBob, "chat:settings");
      expect(await emit(sSpeaker, "chat:slow-mode", { room, seconds: 30 })).toMatchObject({ ok: true, settings: { slowModeSeconds: 30 } });
      expect(await pushed).toMatchObject({ slowModeSeconds: 30 });
      expect(await emit(sAlice, "chat:send", { room, body: "one" })).toMatchObject({ ok: true });
      expect(await emit(sAlice, "chat:send", { room, body: "two" })).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
      expect(await emit(sBob, "chat:send", { room, body: "bob's one" })).toMatchObject({ ok: true });
      // Other rooms are not slowed.
      expect(await emit(sAlice, "chat:send", { room: { talkId: fx.talks.sideTalk.id }, body: "elsewhere" })).toMatchObject({ ok: true });
      for (let i = 0; i < 3; i++) expect(await emit(sSpeaker, "chat:send", { room, body: `speaker ${i}` })).toMatchObject({ ok: true });
    });

    it("the conference rate limit trips (burst then interval), is set by organizers, exempts moderators, and a flood does not slow others", async () => {
      const { fx, conferenceId, alice, bob, speaker, organizer } = await chatCast();
      const room = { talkId: fx.talks.webTalk.id };
      const sAlice = await pool.open(alice.cookie);
      const sBob = await pool.open(bob.cookie);
      const sSpeaker = await pool.open(speaker.cookie);
      const sOrganizer = await pool.open(organizer.cookie);
      expect(await emit(sSpeaker, "chat:rate-limit", { conferenceId, burst: 3, intervalMs: 60_000 })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await emit(sOrganizer, "chat:rate-limit", { conferenceId, burst: 3, intervalMs: 60_000 })).toMatchObject({ ok: true, burst: 3 });
      for (let i = 0; i < 3; i++) expect(await emit(sAlice, "chat:send", { room, body: `a${i}` })).toMatchObject({ ok: true });
      const limited = await emit(sAlice, "chat:send", { room, body: "a3" });
      expect(limited).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
      for (let i = 0; i < 6; i++) expect(await emit(sSpeaker, "chat:send", { room, body: `s${i}` })).toMatchObject({ ok: true });

      // Alice floods 500 messages at once; Bob's message still goes through promptly.
      await emit(sBob, "chat:join", { room });
      const flood = Array.from({ length: 500 }, (_, i) => emit(sAlice, "chat:send", { room, body: `flood ${i}` }));
      const started = Date.now();
      const bobAck = await emit(sBob, "chat:send", { room, body: "normal message" });
      const bobMs = Date.now() - started;
      const floodAcks = await Promise.all(flood);
      expect(bobAck.ok).toBe(true);
      expect(floodAcks.every((a) => !a.ok && a.error?.code === "RATE_LIMITED")).toBe(true);
      // A sanity bound, not a budget (bench:chat measures latency): Bob is not queued behind the
      // flood's work, which would take far longer than this on any machine.
      expect(bobMs).toBeLessThan(10_000);
      expect(await prisma.chatMessage.count({ where: { userId: alice.id, body: { startsWith: "flood" } } })).toBe(0);
    });

    it("pushes an organizer's announcement to every connected attendee; others may not announce", async () => {
      const alice = await pool.open(cast.alice.cookie);
      const anonymous = await pool.open();
      const organizer = await pool.open(cast.organizer.cookie);
      await emit(alice, "conference:join", { conferenceId: cast.conferenceId });
      await emit(anonymous, "conference:join", { conferenceId: cast.conferenceId });
      expect(await emit(alice, "announcement:create", { conferenceId: cast.conferenceId, body: "nope" })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      const a = nextEvent(alice, "announcement");
      const b = nextEvent(anonymous, "announcement");
      expect(
        await emit(organizer, "announcement:create", { conferenceId: cast.conferenceId, body: "Keynote starts in 5 minutes", minutes: 10 }),
      ).toMatchObject({ ok: true });
      expect(await a).toMatchObject({ body: "Keynote starts in 5 minutes" });
      expect(await b).toMatchObject({ body: "Keynote starts in 5 minutes" });
      expect(await emit(anonymous, "announcement:current", { conferenceId: cast.conferenceId })).toMatchObject({
        ok: true,
        announcement: { body: "Keynote starts in 5 minutes" },
      });
      const cleared = nextEvent(alice, "announcement");
      expect(await emit(organizer, "announcement:clear", { conferenceId: cast.conferenceId })).toMatchObject({ ok: true });
      expect(await cleared).toMatchObject({ cleared: true });
      expect(await emit(anonymous, "announcement:current", { conferenceId: cast.conferenceId })).toMatchObject({ ok: true, announcement: null });
    });
  });

  it("a client that drops gets every message it missed, once, in order", async () => {
    const { fx, alice, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    const sAlice = await pool.open(alice.cookie, { reconnection: true });
    const sBob = await pool.open(organizer.cookie);
    await emit(sAlice, "chat:join", { room });
    const inbox = collectChat(sAlice);
    const before = (await emit(sBob, "chat:send", { room, body: "before" })).message;
    await inbox.waitFor((e) => e.length === 1);

    // Drop the connection and keep it down while messages are sent.
    sAlice.io.reconnectionDelay(1500).reconnectionDelayMax(1500);
    const back = nextEvent(sAlice, "connect", 10_000);
    sAlice.io.engine.close();
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) missed.push((await emit(sBob, "chat:send", { room, body: `missed ${i}` })).message.id);
    await back;
    if (!process.env.REDIS_URL) {
      // One node: socket.io's connection state recovery replays what was sent while away.
      expect(sAlice.recovered).toBe(true);
      await inbox.waitFor((e) => e.length >= 6);
      await sleep(300);
      expect(inbox.messages().map((m) => m.id)).toEqual([before.id, ...missed]);
    } else {
      // The Redis adapter cannot recover connection state: nothing arrives twice, and the client
      // resumes from its last id (below), as the chat panel does after any reconnect.
      expect(sAlice.recovered).toBe(false);
      await sleep(300);
      expect(inbox.messages().map((m) => m.id)).toEqual([before.id]);
    }
    // A client that cannot be recovered (another node, too long away) resumes from its last id.
    const resumed = await emit(sAlice, "chat:history", { room, afterId: before.id });
    expect(resumed.messages.map((m: any) => m.id)).toEqual(missed);
  });

  it("stamps messages with the talk's media position while it is recorded live, and replays them in timeline order", async () => {
    const { fx, alice } = await chatCast();
    const talkId = fx.talks.webTalk.id;
    const sAlice = await pool.open(alice.cookie);
    expect((await emit(sAlice, "chat:send", { room: { talkId }, body: "before live" })).message.mediaOffsetMs).toBeNull();
    const now = Date.now();
    const recording = await prisma.recording.create({
      data: { talkId, source: "BROWSER", status: "LIVE", storagePrefix: `talks/${talkId}/r1`, startedAt: new Date(now - 120_000) },
    });
    // The broadcaster paused for a minute: the timeline continues at 30 s where segment 2 starts.
    await prisma.recordingSegment.createMany({
      data: [
        { recordingId: recording.id, sequence: 0, uri: "s0.ts", startedAt: new Date(now - 120_000), offsetMs: 0, durationMs: 30_000 },
        { recordingId: recording.id, sequence: 1, uri: "s1.ts", startedAt: new Date(now - 20_000), offsetMs: 30_000, durationMs: 20_000 },
      ],
    });
    await prisma.talk.update({ where: { id: talkId }, data: { status: "LIVE" } });
    await sleep(1100); // the timeline is memoised for a second
    const sentAt = Date.now();
    const live = (await emit(sAlice, "chat:send", { room: { talkId }, body: "live" })).message;
    const ackedAt = Date.now();
    // Segment 1 (offset 30 s, 20 s long) started 20 s before `now`: the message's place is 30 s
    // plus the time into it when the server stamped it (between our send and its answer), at
    // most 10 s past the segment's end. Measured, so a slow machine moves both bounds alike.
    const placeAt = (t: number) => 30_000 + Math.min(t - (now - 20_000), 20_000 + 10_000);
    expect(live.mediaOffsetMs).toBeGreaterThanOrEqual(placeAt(sentAt));
    expect(live.mediaOffsetMs).toBeLessThanOrEqual(placeAt(ackedAt));
    expect(live.mediaOffsetMs).toBeGreaterThanOrEqual(51_100); // after the 1.1 s wait above
    await prisma.chatMessage.create({ data: { conferenceId: fx.conference.id, talkId, userId: alice.id, body: "early", mediaOffsetMs: 5_000 } });
    const replay = await emit(sAlice, "chat:replay", { talkId });
    expect(replay.messages.map((m: any) => m.body)).toEqual(["early", "live"]);
  });
});
