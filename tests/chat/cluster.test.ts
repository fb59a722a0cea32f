import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import { byMessageId, chatCast, clientPool, collectChat, emit, followRoom, sleep } from "./helpers";
import { startNode, startProxy, waitUntil, type Node } from "./support/cluster";

describe("scale-out: two realtime processes and a real Redis", () => {
  let a: Node;
  let b: Node;
  let aAlive = true;
  const pool = clientPool(() => a.url);

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode(), startNode()]);
  }, 180_000);
  afterAll(async () => {
    pool.closeAll();
    for (const n of [a, b]) n?.child.kill("SIGTERM");
    await sleep(300);
  });

  it("a client on node A receives a message sent on node B, once", async () => {
    const { fx, alice, bob } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    const onA = await pool.open(alice.cookie, { url: a.url });
    const onB = await pool.open(bob.cookie, { url: b.url });
    await emit(onA, "chat:join", { room });
    await emit(onB, "chat:join", { room });
    const inbox = collectChat(onA);
    const sent = await emit(onB, "chat:send", { room, body: "from node B" });
    expect(sent.ok).toBe(true);
    await inbox.waitFor((e) => e.length >= 1);
    await sleep(200);
    // Once as the panel shows it (by id): a node of another test file dying meanwhile makes these
    // nodes re-send recent messages of their rooms (resend-lost-broadcasts), by design.
    expect([...new Set(inbox.messages().map((m) => m.id))]).toEqual([sent.message.id]);
    // Deletes cross nodes too.
    const organizerSocket = await pool.open((await chatCastOrganizer(fx.conference.id)).cookie, { url: b.url });
    expect(await emit(organizerSocket, "chat:delete", { messageId: sent.message.id })).toMatchObject({ ok: true });
    await inbox.waitFor((e) => e.some((x) => x.type === "delete" && x.messageId === sent.message.id));
  });

  it("a talk going live reaches each watcher once, whichever node they are on", async () => {
    const { fx, alice, bob } = await chatCast();
    const talkId = fx.talks.sideTalk.id;
    const onA = await pool.open(alice.cookie, { url: a.url });
    const onB = await pool.open(bob.cookie, { url: b.url });
    const received = new Map<Socket, string[]>([
      [onA, []],
      [onB, []],
    ]);
    for (const s of [onA, onB]) {
      s.on("talk:status", (e: { talkId: string; status: string }) => e.talkId === talkId && received.get(s)!.push(e.status));
      expect(await emit(s, "talk:join", { talkId })).toMatchObject({ ok: true });
    }
    // Both nodes LISTEN to PostgreSQL; each must deliver to its own sockets only.
    const { setTalkStatus } = await import("@/lib/schedule/set-talk-status");
    await setTalkStatus({ talkId, status: "LIVE" });
    await waitUntil(() => [onA, onB].every((s) => received.get(s)!.length >= 1), 8000, "status everywhere");
    await sleep(500);
    expect(received.get(onA)).toEqual(["LIVE"]);
    expect(received.get(onB)).toEqual(["LIVE"]);
  });

  it("presence sums across nodes", async () => {
    const { fx, alice, bob, carol } = await chatCast();
    const talkId = fx.talks.keynote.id;
    const s1 = await pool.open(alice.cookie, { url: a.url });
    const s2 = await pool.open(bob.cookie, { url: a.url });
    const s3 = await pool.open(carol.cookie, { url: b.url });
    const seen = new Map<Socket, any>();
    for (const s of [s1, s2, s3]) s.on("presence:update", (p) => p.talkId === talkId && seen.set(s, p));
    for (const s of [s1, s2, s3]) await emit(s, "talk:join", { talkId });
    await waitUntil(() => [s1, s2, s3].every((s) => seen.get(s)?.count === 3), 8000, "count 3 everywhere");
    expect(
      seen
        .get(s3)
        .users.map((u: any) => u.name)
        .sort(),
    ).toEqual(["Alice", "Bob", "Carol"]);
    s2.close();
    await waitUntil(() => [s1, s3].every((s) => seen.get(s)?.count === 2), 8000, "count 2 after a leave");
  });

  it("presence counts people, not sockets: one account on both nodes plus two others is 3 watching", async () => {
    const { fx, alice, bob, carol } = await chatCast();
    const talkId = fx.talks.sideTalk.id;
    const aliceOnA = await pool.open(alice.cookie, { url: a.url });
    const aliceOnB = await pool.open(alice.cookie, { url: b.url });
    const bobOnA = await pool.open(bob.cookie, { url: a.url });
    const carolOnB = await pool.open(carol.cookie, { url: b.url });
    const all = [aliceOnA, aliceOnB, bobOnA, carolOnB];
    const seen = new Map<Socket, any>();
    const counts: number[] = [];
    for (const s of all)
      s.on("presence:update", (p) => {
        if (p.talkId !== talkId) return;
        seen.set(s, p);
        counts.push(p.count);
      });
    for (const s of all) expect(await emit(s, "talk:join", { talkId })).toMatchObject({ ok: true });
    await waitUntil(() => all.every((s) => seen.get(s)?.users.length === 3), 8000, "three names everywhere");
    await sleep(600); // a few presence ticks on both nodes
    for (const s of all) expect(seen.get(s)).toMatchObject({ count: 3 });
    expect(Math.max(...counts)).toBe(3);
    expect(
      seen
        .get(bobOnA)
        .users.map((u: any) => u.name)
        .sort(),
    ).toEqual(["Alice", "Bob", "Carol"]);
    // Alice closing one of her two tabs leaves her watching; closing the other does not.
    aliceOnA.close();
    await sleep(600);
    for (const s of [aliceOnB, bobOnA, carolOnB]) expect(seen.get(s)).toMatchObject({ count: 3 });
    aliceOnB.close();
    await waitUntil(() => [bobOnA, carolOnB].every((s) => seen.get(s)?.count === 2), 8000, "count 2 once Alice has left");
  });

  it("a viewer whose connection drops for 10 s in a room at 30 messages a second misses none of them", async () => {
    const { fx, alice, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    // The viewer comes in on node A; while its network is down the balancer loses the sticky
    // session, and it comes back on node B. The organizer (no rate limit) sends from B.
    let route: "A" | "down" | "B" = "A";
    const proxy = await startProxy(() => (route === "A" ? [a.port] : route === "B" ? [b.port] : []));
    const viewer = await pool.open(alice.cookie, { url: `http://127.0.0.1:${proxy.port}`, reconnection: true });
    const sender = await pool.open(organizer.cookie, { url: b.url });
    const panel = followRoom(viewer, room);
    await panel.join();

    const rate = 30;
    const total = 480;
    const started = Date.now();
    const acks: Promise<any>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      if (i === 2 * rate) {
        route = "down";
        proxy.cut();
      }
      if (i === 12 * rate) route = "B";
      acks.push(emit(sender, "chat:send", { room, body: `m${i}` }));
    }
    const sent = await Promise.all(acks);
    expect(sent.every((ack) => ack.ok)).toBe(true);
    const sentIds = byMessageId(sent.map((ack) => ack.message.id));

    await waitUntil(() => panel.ids().length >= total, 15_000, "all messages").catch(() => {});
    await sleep(500);
    expect(panel.state.errors).toEqual([]);
    expect(panel.state.catchUps).toBe(1); // one drop, not recovered (the Redis adapter cannot)
    expect(panel.ids()).toEqual(sentIds);
    proxy.close();
  });

  it("killing node A moves its clients to node B with no message lost, each kept once", async () => {
    const { fx, alice, bob, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    const talkId = room.talkId;
    const proxy = await startProxy(() => (aAlive ? [a.port, b.port] : [b.port]));
    const proxyUrl = `http://127.0.0.1:${proxy.port}`;

    // Alice is on A (through the proxy); the organizer sends from B; Bob watches from B.
    const sAlice = await pool.open(alice.cookie, { url: proxyUrl, reconnection: true });
    const sender = await pool.open(organizer.cookie, { url: b.url });
    const sBob = await pool.open(bob.cookie, { url: b.url });
    await emit(sBob, "talk:join", { talkId });

    // What the chat panel does (use-chat-room.ts): keep messages by id; on a connect that was
    // not recovered, re-join and fetch everything after the last id seen.
    const received = new Map<string, any>();
    sAlice.on("chat:batch", (batch: any[]) => {
      for (const e of batch) {
        if (e.type !== "message") continue;
        if (!received.has(e.message.id)) received.set(e.message.id, e.message);
      }
    });
    const join = async () => {
      await emit(sAlice, "chat:join", { room });
      const lastId = [...received.keys()].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)).at(-1);
      if (lastId) {
        const missed = await emit(sAlice, "chat:history", { room, afterId: lastId, limit: 200 });
        for (const m of missed.messages) if (!received.has(m.id)) received.set(m.id, m);
      }
    };
    let reconnects = 0;
    sAlice.on("connect", () => {
      reconnects++;
      if (!sAlice.recovered) void join();
    });
    await join();

    const sentIds: string[] = [];
    const sendOne = async (i: number) => {
      const ack = await emit(sender, "chat:send", { room, body: `m${i}` });
      expect(ack.ok).toBe(true);
      sentIds.push(ack.message.id);
    };
    for (let i = 0; i < 5; i++) await sendOne(i);
    await waitUntil(() => received.size === 5, 5000, "first five");

    const bobSaw: number[] = [];
    sBob.on("presence:update", (p) => p.talkId === talkId && bobSaw.push(p.count));

    aAlive = false;
    a.child.kill("SIGKILL");
    // Messages keep coming while Alice is reconnecting.
    for (let i = 5; i < 15; i++) {
      await sendOne(i);
      await sleep(50);
    }
    await waitUntil(() => reconnects >= 1 && sAlice.connected, 10_000, "alice reconnected to B");
    for (let i = 15; i < 20; i++) await sendOne(i);
    await waitUntil(() => received.size === 20, 8000, "all twenty");
    await sleep(300);
    expect([...received.keys()].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1))).toEqual(sentIds);
    // (A message may arrive twice — B sends again what A stored around its death, as A may have
    // died before broadcasting it — and the panel keeps each once, by id, as use-chat-room does.)
    // Alice now counts on B; A's presence entry expired with it (Bob + Alice = 2... after join).
    await emit(sAlice, "talk:join", { talkId });
    await waitUntil(() => bobSaw.at(-1) === 2, 8000, "presence 2 after failover");
    proxy.close();
  });

  it("a node killed while messages it acknowledged wait for its batch: the other node's viewers still get them", async () => {
    const held = await startNode({ CLUSTER_NODE_HOLD_BATCHES: "1" });
    const { fx, alice, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    // Node B: node A is gone by now (an earlier test killed it).
    const viewer = await pool.open(alice.cookie, { url: b.url });
    const panel = followRoom(viewer, room);
    await panel.join();
    const sender = await pool.open(organizer.cookie, { url: held.url });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const ack = await emit(sender, "chat:send", { room, body: `held ${i}` });
      expect(ack.ok).toBe(true);
      ids.push(ack.message.id);
    }
    // The held node's own members would wait 10 s for the last three; it dies meanwhile. Each event
    // left it for the other nodes as it was accepted (relayed), and node B batches for its members
    // itself; were a relay lost, B re-sends what the dead node stored once its presence expires.
    held.child.kill("SIGKILL");
    await waitUntil(() => ids.every((id) => panel.ids().includes(id)), 20_000, "held messages reach node B's viewer");
    expect(byMessageId(panel.ids().filter((id) => ids.includes(id)))).toEqual(ids);
    expect(new Set(panel.ids()).size).toBe(panel.ids().length);
  }, 180_000);
});

async function chatCastOrganizer(conferenceId: string) {
  const { createUser } = await import("../support/fixtures");
  return createUser({ conferenceId, role: "ORGANIZER" });
}
