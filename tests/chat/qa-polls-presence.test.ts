import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { configureChat } from "@/server/chat";
import { chatCast, clientPool, emit, nextEvent, sleep } from "./helpers";

describe("Q&A, polls and presence (real socket.io clients, real server, real PostgreSQL)", () => {
  let server: RealtimeServer;
  let url: string;
  const pool = clientPool(() => url);

  beforeAll(async () => {
    configureChat({ presenceIntervalMs: 150 });
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    pool.closeAll();
    await server.close();
  });

  describe("Q&A", () => {
    it("attendees ask, everyone upvotes once, the list is sorted by votes", async () => {
      const { fx, alice, bob, carol } = await chatCast();
      const talkId = fx.talks.webTalk.id;
      const [sAlice, sBob, sCarol] = await Promise.all([pool.open(alice.cookie), pool.open(bob.cookie), pool.open(carol.cookie)]);
      for (const s of [sAlice, sBob, sCarol]) await emit(s, "talk:join", { talkId });
      const pushed = nextEvent(sBob, "qa:question");
      const q1 = (await emit(sAlice, "qa:ask", { talkId, body: "What about accessibility?" })).question;
      expect(q1).toMatchObject({ status: "APPROVED", upvotes: 0, author: { id: alice.id } });
      expect(await pushed).toMatchObject({ id: q1.id });
      const q2 = (await emit(sBob, "qa:ask", { talkId, body: "Which database do you use?" })).question;
      expect(await emit(sCarol, "qa:vote", { questionId: q2.id })).toMatchObject({ ok: true, question: { upvotes: 1 } });
      expect(await emit(sCarol, "qa:vote", { questionId: q2.id })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
      // Concurrent double clicks still count once.
      const racing = await Promise.all([emit(sAlice, "qa:vote", { questionId: q2.id }), emit(sAlice, "qa:vote", { questionId: q2.id })]);
      expect(racing.filter((a) => a.ok)).toHaveLength(1);
      const list = await emit(sCarol, "qa:list", { talkId });
      expect(list.questions.map((q: any) => [q.id, q.upvotes])).toEqual([
        [q2.id, 2],
        [q1.id, 0],
      ]);
      expect(list.myVotes).toEqual([q2.id]);
      expect(await emit(sCarol, "qa:vote", { questionId: q2.id, on: false })).toMatchObject({ ok: true, question: { upvotes: 1 } });
      expect(await emit(sCarol, "qa:ask", { talkId, body: "x" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    });

    it("moderation queue: held questions reach only moderators until approved; speaker/organizer mark answered and pin", async () => {
      const { fx, alice, bob, speaker, organizer } = await chatCast();
      const talkId = fx.talks.webTalk.id;
      const [sAlice, sBob, sSpeaker, sOrganizer] = await Promise.all([
        pool.open(alice.cookie),
        pool.open(bob.cookie),
        pool.open(speaker.cookie),
        pool.open(organizer.cookie),
      ]);
      for (const s of [sAlice, sBob, sSpeaker]) await emit(s, "chat:join", { room: { talkId } });
      expect(await emit(sBob, "qa:set-moderation", { talkId, enabled: true })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await emit(sSpeaker, "qa:set-moderation", { talkId, enabled: true })).toMatchObject({ ok: true, moderated: true });
      const bobSaw: any[] = [];
      sBob.on("qa:question", (q) => bobSaw.push(q));
      const speakerSees = nextEvent(sSpeaker, "qa:question");
      const held = (await emit(sAlice, "qa:ask", { talkId, body: "Is this held?" })).question;
      expect(held.status).toBe("PENDING");
      expect(await speakerSees).toMatchObject({ id: held.id, status: "PENDING" });
      expect((await emit(sBob, "qa:list", { talkId })).questions).toHaveLength(0);
      expect((await emit(sAlice, "qa:list", { talkId })).questions.map((q: any) => q.id)).toEqual([held.id]);
      expect((await emit(sSpeaker, "qa:list", { talkId })).questions.map((q: any) => q.id)).toEqual([held.id]);
      expect(await emit(sBob, "qa:vote", { questionId: held.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await emit(sBob, "qa:moderate", { questionId: held.id, action: "approve" })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      await sleep(100);
      expect(bobSaw).toHaveLength(0);

      const approved = nextEvent(sBob, "qa:question");
      expect(await emit(sSpeaker, "qa:moderate", { questionId: held.id, action: "approve" })).toMatchObject({
        ok: true,
        question: { status: "APPROVED" },
      });
      expect(await approved).toMatchObject({ id: held.id, status: "APPROVED" });
      expect(await emit(sSpeaker, "qa:moderate", { questionId: held.id, action: "answer" })).toMatchObject({
        ok: true,
        question: { answered: true },
      });
      const pinned = nextEvent(sBob, "qa:question");
      expect(await emit(sOrganizer, "qa:moderate", { questionId: held.id, action: "pin" })).toMatchObject({ ok: true, question: { pinned: true } });
      expect(await pinned).toMatchObject({ pinned: true, answered: true });
      // A speaker of another talk has no say here.
      expect(await emit(sSpeaker, "qa:set-moderation", { talkId: fx.talks.sideTalk.id, enabled: true })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
    });
  });

  describe("polls", () => {
    it("speaker opens a poll, attendees vote once, results go to voters live and to everyone when closed", async () => {
      const { fx, alice, bob, carol, speaker } = await chatCast();
      const talkId = fx.talks.webTalk.id;
      const [sAlice, sBob, sCarol, sSpeaker] = await Promise.all([
        pool.open(alice.cookie),
        pool.open(bob.cookie),
        pool.open(carol.cookie),
        pool.open(speaker.cookie),
      ]);
      for (const s of [sAlice, sBob, sCarol, sSpeaker]) await emit(s, "chat:join", { room: { talkId } });
      expect(await emit(sAlice, "poll:create", { talkId, question: "Tabs or spaces?", options: ["Tabs", "Spaces"] })).toMatchObject({
        ok: false,
        error: { code: "FORBIDDEN" },
      });
      expect(await emit(sSpeaker, "poll:create", { talkId, question: "Tabs or spaces?", options: ["Tabs"] })).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT" },
      });
      const opened = nextEvent(sCarol, "poll:update");
      const poll = (await emit(sSpeaker, "poll:create", { talkId, question: "Tabs or spaces?", options: ["Tabs", "Spaces"] })).poll;
      const announced = await opened;
      expect(announced).toMatchObject({ id: poll.id, status: "OPEN" });
      expect(announced.options[0].votes).toBeUndefined(); // no results before voting
      const [tabs, spaces] = poll.options.map((o: any) => o.id);

      expect(await emit(sAlice, "poll:vote", { pollId: poll.id, optionIds: [tabs, spaces] })).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT" },
      });
      expect(await emit(sAlice, "poll:vote", { pollId: poll.id, optionIds: ["nope"] })).toMatchObject({
        ok: false,
        error: { code: "INVALID_INPUT" },
      });
      const voted = await emit(sAlice, "poll:vote", { pollId: poll.id, optionIds: [tabs] });
      expect(voted).toMatchObject({ ok: true, poll: { totalBallots: 1 } });
      expect(await emit(sAlice, "poll:vote", { pollId: poll.id, optionIds: [spaces] })).toMatchObject({ ok: false, error: { code: "CONFLICT" } });
      const aliceLive: any[] = [];
      const carolLive: any[] = [];
      sAlice.on("poll:results", (p) => aliceLive.push(p));
      sCarol.on("poll:results", (p) => carolLive.push(p));
      await emit(sBob, "poll:vote", { pollId: poll.id, optionIds: [spaces] });
      await waitUntil(() => aliceLive.some((p) => p.totalBallots === 2));
      expect(aliceLive.at(-1).options.map((o: any) => o.votes)).toEqual([1, 1]);
      expect(carolLive).toHaveLength(0); // has not voted: no live results
      expect((await emit(sCarol, "poll:list", { talkId })).polls[0].options[0].votes).toBeUndefined();
      expect((await emit(sSpeaker, "poll:list", { talkId })).polls[0].options.map((o: any) => o.votes)).toEqual([1, 1]);

      expect(await emit(sAlice, "poll:close", { pollId: poll.id })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      const closed = nextEvent(sCarol, "poll:update");
      expect(await emit(sSpeaker, "poll:close", { pollId: poll.id })).toMatchObject({ ok: true, poll: { status: "CLOSED" } });
      expect((await closed).options.map((o: any) => o.votes)).toEqual([1, 1]);
      expect(await emit(sCarol, "poll:vote", { pollId: poll.id, optionIds: [tabs] })).toMatchObject({ ok: false, error: { code: "GONE" } });
    });

    it("multiple-choice polls take several options in one ballot", async () => {
      const { fx, alice, organizer } = await chatCast();
      const talkId = fx.talks.webTalk.id;
      const [sAlice, sOrganizer] = await Promise.all([pool.open(alice.cookie), pool.open(organizer.cookie)]);
      const poll = (await emit(sOrganizer, "poll:create", { talkId, question: "Which talks?", options: ["A", "B", "C"], multiple: true })).poll;
      const ids = poll.options.map((o: any) => o.id);
      expect(await emit(sAlice, "poll:vote", { pollId: poll.id, optionIds: [ids[0], ids[2]] })).toMatchObject({ ok: true });
      expect((await emit(sAlice, "poll:list", { talkId })).polls[0].options.map((o: any) => o.votes)).toEqual([1, 0, 1]);
    });
  });

  describe("presence", () => {
    it("counts who is watching a talk, with names, and follows joins and leaves live", async () => {
      const { fx, alice, bob } = await chatCast();
      const talkId = fx.talks.keynote.id;
      const watcher = await pool.open();
      const sub = await emit(watcher, "presence:subscribe", { talkId });
      expect(sub).toMatchObject({ ok: true, count: 0 });
      const counts: number[] = [];
      watcher.on("presence:count", (p) => counts.push(p.count));
      const sAlice = await pool.open(alice.cookie);
      const sBob = await pool.open(bob.cookie);
      const anonymous = await pool.open();
      const updates: any[] = [];
      sAlice.on("presence:update", (p) => updates.push(p));
      for (const s of [sAlice, sBob, anonymous]) await emit(s, "talk:join", { talkId });
      await waitUntil(() => updates.at(-1)?.count === 3);
      expect(
        updates
          .at(-1)
          .users.map((u: any) => u.name)
          .sort(),
      ).toEqual(["Alice", "Bob"]);
      await waitUntil(() => counts.at(-1) === 3);
      sBob.close();
      await emit(anonymous, "talk:leave", { talkId });
      await waitUntil(() => updates.at(-1)?.count === 1);
      expect(updates.at(-1).users.map((u: any) => u.name)).toEqual(["Alice"]);
      await waitUntil(() => counts.at(-1) === 1);
      expect(await emit(watcher, "presence:get", { talkId })).toMatchObject({ ok: true, count: 1 });
    });
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs = 5000) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await sleep(20);
  }
}
