import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { chatCast, clientPool, collectChat, emit, sleep } from "./helpers";

// Two realtime processes sharing rooms and presence through the real Redis at 127.0.0.1:6379.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

type Node = { child: ChildProcess; port: number; url: string };

function startNode(): Promise<Node> {
  // `node --import tsx` (not the tsx CLI, which forks): SIGKILL must hit the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "support/cluster-node.ts"), "0"], {
    env: { ...process.env, REDIS_URL, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith('{"port"'));
      if (line) {
        const port = JSON.parse(line).port as number;
        resolve({ child, port, url: `http://127.0.0.1:${port}` });
      }
    });
    child.once("exit", (code) => reject(new Error(`node exited early (${code})`)));
    setTimeout(() => reject(new Error("node did not start")), 30_000);
  });
}

/**
 * A stand-in for the sticky load balancer: new connections go to the first backend that accepts
 * them, so when node A dies its clients reconnect through the same address and land on node B.
 */
function startProxy(backends: () => number[]): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((client) => {
    const tryConnect = (i: number) => {
      const ports = backends();
      if (i >= ports.length) return client.destroy();
      const upstream = net.connect(ports[i], "127.0.0.1");
      upstream.once("connect", () => {
        client.pipe(upstream).pipe(client);
      });
      upstream.once("error", () => {
        if (!upstream.readyState || upstream.connecting) tryConnect(i + 1);
        else client.destroy();
      });
      upstream.once("close", () => client.destroy());
      client.once("close", () => upstream.destroy());
      client.once("error", () => upstream.destroy());
    };
    tryConnect(0);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as net.AddressInfo).port, close: () => server.close() })),
  );
}

async function waitUntil(predicate: () => boolean, timeoutMs = 8000, what = "condition") {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await sleep(25);
  }
}

describe("scale-out: two realtime processes and a real Redis", () => {
  let a: Node;
  let b: Node;
  let aAlive = true;
  const pool = clientPool(() => a.url);

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode(), startNode()]);
  });
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
    expect(inbox.messages().map((m) => m.id)).toEqual([sent.message.id]);
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

  it("killing node A moves its clients to node B with no message lost, none twice", async () => {
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
    const duplicates: string[] = [];
    sAlice.on("chat:batch", (batch: any[]) => {
      for (const e of batch)
        if (e.type === "message") received.has(e.message.id) ? duplicates.push(e.message.id) : received.set(e.message.id, e.message);
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
    expect(duplicates).toEqual([]);
    // Alice now counts on B; A's presence entry expired with it (Bob + Alice = 2... after join).
    await emit(sAlice, "talk:join", { talkId });
    await waitUntil(() => bobSaw.at(-1) === 2, 8000, "presence 2 after failover");
    proxy.close();
  });
});

async function chatCastOrganizer(conferenceId: string) {
  const { createUser } = await import("../support/fixtures");
  return createUser({ conferenceId, role: "ORGANIZER" });
}
