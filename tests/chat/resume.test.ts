import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { configureAudience } from "@/server/audience";
import { byMessageId, chatCast, clientPool, emit, followRoom, nextEvent, sleep } from "./helpers";

// A chat panel that comes back after a drop socket.io could not recover (a manual disconnect
// is never recovered; across nodes nothing is) catches up from the last message it had.
// The two-node version of this, at 30 messages a second, is in cluster.test.ts.

async function waitUntil(predicate: () => boolean, timeoutMs: number, what: string) {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe("resuming a chat room after a drop (real socket.io clients, real server, real PostgreSQL)", () => {
  let server: RealtimeServer;
  let url: string;
  const pool = clientPool(() => url);

  beforeAll(async () => {
    configureAudience({ presenceIntervalMs: 200 });
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    pool.closeAll();
    await server.close();
  });

  /** `count` messages from the organizer (not rate-limited), one after another; their ids. */
  async function sendMany(sender: Awaited<ReturnType<typeof pool.open>>, room: { talkId: string }, count: number, label: string) {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const ack = await emit(sender, "chat:send", { room, body: `${label} ${i}` });
      expect(ack.ok).toBe(true);
      ids.push(ack.message.id);
    }
    return ids;
  }

  it("a viewer away while 480 messages were sent has all of them after rejoining, once, in order", async () => {
    const { fx, alice, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    const sender = await pool.open(organizer.cookie);
    const viewer = await pool.open(alice.cookie, { reconnection: true });
    const panel = followRoom(viewer, room);
    await panel.join();

    const before = await sendMany(sender, room, 5, "before");
    await waitUntil(() => panel.ids().length === 5, 5000, "the first five live");

    viewer.disconnect();
    const missed = await sendMany(sender, room, 480, "missed");
    const back = nextEvent(viewer, "connect", 10_000);
    viewer.connect();
    await back;
    const after = await sendMany(sender, room, 5, "after");

    const sent = [...before, ...missed, ...after];
    await waitUntil(() => panel.ids().length >= sent.length, 10_000, "everything").catch(() => {});
    await sleep(300);
    expect(panel.state.errors).toEqual([]);
    expect(panel.state.catchUps).toBe(1);
    expect(panel.ids()).toEqual(byMessageId(sent));
  });

  it("a viewer who missed more than the panel keeps gets the latest run without a hole, and earlier pages through 'load earlier'", async () => {
    const { fx, alice, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    const sender = await pool.open(organizer.cookie);
    const viewer = await pool.open(alice.cookie, { reconnection: true });
    const panel = followRoom(viewer, room, { keep: 100 });
    await panel.join();

    const before = await sendMany(sender, room, 3, "before");
    await waitUntil(() => panel.ids().length === 3, 5000, "the first three live");

    viewer.disconnect();
    const missed = await sendMany(sender, room, 250, "missed");
    const back = nextEvent(viewer, "connect", 10_000);
    viewer.connect();
    await back;
    const after = await sendMany(sender, room, 3, "after");
    const sent = byMessageId([...before, ...missed, ...after]);

    await waitUntil(() => panel.ids().at(-1) === sent.at(-1), 10_000, "the newest message").catch(() => {});
    await sleep(300);
    expect(panel.state.errors).toEqual([]);
    const shown = panel.ids();
    // What the panel shows is the newest stretch of the room, continuous: no hole in the middle.
    expect(shown.length).toBeGreaterThanOrEqual(50);
    expect(shown).toEqual(sent.slice(sent.length - shown.length));
    // The rest is older than everything shown, one "load earlier" away.
    expect(panel.hasMore()).toBe(true);
    const earlier = await emit(viewer, "chat:history", { room, beforeId: shown[0] });
    expect(earlier.messages.map((m: { id: string }) => m.id)).toEqual(sent.slice(sent.length - shown.length - 50, sent.length - shown.length));
  });
});
