import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { getConferenceAnalytics } from "@/lib/analytics/get-conference-analytics";
import { getTalkAnalytics } from "@/lib/analytics/get-talk-analytics";
import { chatCast, clientPool, emit, sleep } from "../chat/helpers";
import { startAnalyticsNode, type AnalyticsNode } from "./support/nodes";

// Two real realtime processes (sharing Redis), real socket.io clients heartbeating on both, real
// PostgreSQL: the figures the dashboard reads must be exact. The nodes' heartbeat clock is set by
// the test, so each heartbeat lands in the minute the scenario says.

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0); // the talk airs 10:00-10:02 UTC
const REPLAY = Date.UTC(2026, 5, 2, 9, 0, 0); // replays the next morning
const at = (base: number, minutes: number, seconds = 5) => base + minutes * 60_000 + seconds * 1000;

async function waitForRows(where: { talk: { conferenceId: string } }, count: number) {
  for (let i = 0; ; i++) {
    const n = await prisma.viewerMinute.count({ where });
    if (n === count) return;
    if (n > count) throw new Error(`expected ${count} viewer-minutes, found ${n}`);
    if (i > 400) throw new Error(`only ${n} of ${count} viewer-minutes were stored`);
    await sleep(50);
  }
}

describe("viewer analytics across two realtime nodes", () => {
  let a: AnalyticsNode;
  let b: AnalyticsNode;
  const pool = clientPool(() => a.url);
  const setClock = (ms: number) => Promise.all([a.setClock(ms), b.setClock(ms)]);

  beforeAll(async () => {
    [a, b] = await Promise.all([startAnalyticsNode(), startAnalyticsNode()]);
  }, 180_000);
  afterAll(async () => {
    pool.closeAll();
    for (const n of [a, b]) n?.child.kill("SIGTERM");
    await sleep(300);
  });

  it("counts viewers, peaks and watch time exactly, live then replay, whichever node saw them", async () => {
    const { fx, conferenceId, alice, bob, carol } = await chatCast();
    const talkId = fx.talks.webTalk.id;
    const keynoteId = fx.talks.keynote.id;
    await prisma.talk.update({ where: { id: talkId }, data: { status: "LIVE" } });
    await prisma.talk.update({ where: { id: keynoteId }, data: { status: "LIVE" } });

    const aliceA = await pool.open(alice.cookie, { url: a.url });
    const bobB = await pool.open(bob.cookie, { url: b.url });
    const carolA = await pool.open(carol.cookie, { url: a.url });
    const carolB = await pool.open(carol.cookie, { url: b.url }); // Carol in two tabs, one per node
    const anonA = await pool.open(undefined, { url: a.url });
    const anonB = await pool.open(undefined, { url: b.url });
    const beat = async (s: Socket, id: string, mode: string) =>
      expect(await emit(s, "viewing:heartbeat", { talkId: id, mode })).toEqual({ ok: true, counted: true });

    // 10:00 — Alice, Bob and Carol (twice) watch the talk live, two heartbeats each; the keynote
    // has Alice and two anonymous viewers, one per node.
    for (const seconds of [5, 35]) {
      await setClock(at(T0, 0, seconds));
      await Promise.all([beat(aliceA, talkId, "live"), beat(bobB, talkId, "live"), beat(carolA, talkId, "live"), beat(carolB, talkId, "live")]);
    }
    await Promise.all([beat(aliceA, keynoteId, "live"), beat(anonA, keynoteId, "live"), beat(anonB, keynoteId, "live")]);
    // 10:01 — Alice and Bob; 10:02 — Alice alone.
    await setClock(at(T0, 1));
    await Promise.all([beat(aliceA, talkId, "live"), beat(bobB, talkId, "live")]);
    await setClock(at(T0, 2));
    await beat(aliceA, talkId, "live");

    // The talk ends. The next morning (long after the nodes' 60 s trust in a right to watch), the
    // recording is watched: by Bob for two minutes, by Carol for one — her player still says "live"
    // (an old tab), which an ended talk does not believe.
    await prisma.talk.update({ where: { id: talkId }, data: { status: "ENDED" } });
    await setClock(at(REPLAY, 0));
    await Promise.all([beat(bobB, talkId, "replay"), beat(carolA, talkId, "live")]);
    await setClock(at(REPLAY, 1));
    await beat(bobB, talkId, "replay");

    // Talk: live 3 + 2 + 1 viewer-minutes, replay 2 + 1; keynote: 3.
    await waitForRows({ talk: { conferenceId } }, 12);

    const talk = await getTalkAnalytics({ conferenceId, talkId });
    expect(talk.audience).toMatchObject({
      liveViewers: 3,
      peakLive: 3,
      liveMinutes: 6,
      replayViewers: 2,
      peakReplay: 2,
      replayMinutes: 3,
      uniqueViewers: 3,
      averageMinutes: 3,
    });
    expect(talk.live).toEqual({
      bucketMinutes: 1,
      points: [
        { at: new Date(T0).toISOString(), viewers: 3 },
        { at: new Date(at(T0, 1, 0)).toISOString(), viewers: 2 },
        { at: new Date(at(T0, 2, 0)).toISOString(), viewers: 1 },
      ],
    });
    expect(talk.replay.points).toEqual([
      { at: new Date(REPLAY).toISOString(), viewers: 2 },
      { at: new Date(at(REPLAY, 1, 0)).toISOString(), viewers: 1 },
    ]);

    const conference = await getConferenceAnalytics({ conferenceId, timeZone: "Europe/Berlin" });
    const keynote = conference.talks.find((t) => t.talkId === keynoteId)!;
    expect(keynote).toMatchObject({ liveViewers: 3, peakLive: 3, liveMinutes: 3, replayViewers: 0, uniqueViewers: 3 });
    // Alice watched both talks at 10:00: one person of five at the conference's busiest minute.
    expect(conference.totals).toMatchObject({ uniqueViewers: 5, peakConcurrent: 5, watchMinutes: 12, averageMinutes: 2.4 });
    // Over time, the conference counts people: Alice on both talks at 10:00 is one of five.
    expect(conference.live.points.map((p) => p.viewers)).toEqual([5, 2, 1]);
    expect(conference.replay.points.map((p) => p.viewers)).toEqual([2, 1]);
    expect(conference.talks.find((t) => t.talkId === fx.talks.sideTalk.id)).toMatchObject({ uniqueViewers: 0, peakLive: 0, liveMinutes: 0 });
  });

  it("counts only people allowed to watch, refuses bad input and a flood, and a heartbeat more in a minute adds nothing", async () => {
    const { fx, conferenceId, alice, outsider } = await chatCast();
    const talkId = fx.talks.webTalk.id; // needs a ticket
    await prisma.talk.update({ where: { id: talkId }, data: { status: "LIVE" } });
    const anonymous = await pool.open(undefined, { url: b.url });
    const stranger = await pool.open(outsider.cookie, { url: a.url });
    const viewer = await pool.open(alice.cookie, { url: b.url });
    await setClock(at(T0, 30));

    expect(await emit(anonymous, "viewing:heartbeat", { talkId, mode: "live" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await emit(stranger, "viewing:heartbeat", { talkId, mode: "live" })).toMatchObject({ ok: false, error: { code: "PAYMENT_REQUIRED" } });
    expect(await emit(viewer, "viewing:heartbeat", { talkId, mode: "binge" })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(await emit(viewer, "viewing:heartbeat", { talkId: "no-such-talk", mode: "live" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
    expect(await emit(viewer, "viewing:heartbeat", { talkId, mode: "live", extra: 1 })).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT" },
    });

    // A burst of four is let through (a seek, a reload); the fifth at once is refused.
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push(await emit(viewer, "viewing:heartbeat", { talkId, mode: "live" }));
    expect(acks.slice(0, 4).every((ack) => ack.ok)).toBe(true);
    expect(acks[4]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });

    await waitForRows({ talk: { conferenceId } }, 1);
    await sleep(600); // a few more flushes on both nodes: still one row
    expect(await prisma.viewerMinute.findMany({ where: { talkId }, select: { mode: true, viewerKey: true } })).toEqual([
      { mode: "LIVE", viewerKey: `u:${alice.id}` },
    ]);
  });
});
