/**
 * `npm run bench:scale` — how many chat clients one realtime node carries behind nginx, and how
 * many two nodes over Redis carry, on this machine, in one run; then what a node replaced under
 * load loses.
 *
 *   1. The audience of bench:chat (scratch database, a live public keynote, accounts with signed
 *      session cookies), Redis from REDIS_URL (required: the nodes share rooms through it).
 *   2. For one node, then two: realtime nodes (`server/main.ts`, production settings) behind nginx
 *      with deploy/nginx.conf (Debian's nginx). bench:chat's client workers connect through nginx
 *      (WebSocket; nginx spreads browsers over the nodes by its affinity cookie, here by request),
 *      join the keynote and chat at 50 msg/s for BENCH_SECONDS. The client count grows by
 *      BENCH_STEP until the p99 delivery latency passes 250 ms (or BENCH_MAX_CLIENTS is reached).
 *   3. Failover, on two nodes: socket.io clients that follow the room as the chat panel does
 *      (resume from the last message seen) while 20 of them send; one node gets SIGTERM (graceful
 *      replacement) and comes back, then the other gets SIGKILL and comes back. Every acknowledged
 *      message must end up with every follower: failover_lost_messages counts those that did not.
 *
 * BENCH_CLIENT_WORKERS (default 2): processes the clients are spread over (4 gave the same capacities).
 *
 * Last stdout line: {"max_clients_one_node", "max_clients_two_nodes", "p99_ms_one_node",
 * "p99_ms_two_nodes", "failover_lost_messages"}; the p99s are those at the max client counts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { io as connect, type Socket } from "socket.io-client";
import { findNginx, startNginx, type RunningNginx } from "../tests/deploy/support/nginx";
import { freePorts } from "../scripts/free-port";
import { applyCatchUp, catchUpMessages, mergeMessages, type MessagePage } from "@/lib/chat/chat-timeline";
import type { ChatBatchEvent, ChatMessageView } from "@/lib/chat/schemas";
import { percentile, request, spawnBenchRole, type Msg } from "./support/bench-processes";
import { pidsMatching, startCpuCount } from "./support/process-cpu";
import { prepareChatAudience } from "./support/chat-audience";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CHAT_BENCH = path.join(root, "bench/chat.ts");
const AUTH_SECRET = "plenary-bench-secret-0123456789-abcdefghijklmnop";
const GOAL_P99_MS = 250;
const log = (s: string) => process.stderr.write(`[bench:scale] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const step = Number(process.env.BENCH_STEP ?? 1000);
const maxClients = Number(process.env.BENCH_MAX_CLIENTS ?? 8000);
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  console.error("bench:scale needs Redis (the nodes share rooms through it): set REDIS_URL, e.g. redis://127.0.0.1:6379");
  process.exit(2);
}
if (!findNginx()) {
  console.error("bench:scale needs nginx (Debian: apt-get install nginx)");
  process.exit(2);
}

const audience = await prepareChatAudience({ databaseName: "plenary_bench_scale", accounts: maxClients + 100, authSecret: AUTH_SECRET, log });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: audience.databaseUrl,
  REDIS_URL: redisUrl,
  BETTER_AUTH_SECRET: AUTH_SECRET,
  NODE_ENV: "production",
  PLENARY_ALLOW_DEV_SECRET: "1",
  RTMP_PORT: "0",
  LOG_LEVEL: "warn",
};

type Node = { name: string; port: number; child: ChildProcess };

async function startNode(name: string, port: number): Promise<Node> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "server/main.ts")], {
    cwd: root,
    env: { ...env, REALTIME_PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { name, port, child };
    if (i > 1200) throw new Error(`${name} did not start`);
    await sleep(100);
  }
}

async function stopNode(node: Node, signal: NodeJS.Signals = "SIGTERM") {
  if (node.child.exitCode !== null) return;
  const exited = new Promise((resolve) => node.child.once("exit", resolve));
  node.child.kill(signal);
  await exited;
}

const workersN = Number(process.env.BENCH_CLIENT_WORKERS ?? 2);
const workers = await Promise.all(Array.from({ length: workersN }, () => spawnBenchRole(CHAT_BENCH, "clients", env)));
const split = <T>(list: T[]) => Array.from({ length: workersN }, (_, w) => list.filter((_, i) => i % workersN === w));

// Who used the cores during a phase (the generator and the proxy share the machine with the nodes).
const cpuGroups = () => ({
  nodes: () => nodes.map((n) => n.child.pid!),
  nginx: () => proxy?.pids() ?? [],
  clients: () => workers.map((w) => w.child.pid!),
  postgres: () => pidsMatching("postgres"),
  redis: () => pidsMatching("redis-server"),
});

/** One histogram's cumulative buckets (le → count) from a node's /metrics, summed over the nodes. */
async function scrapeHistogram(name: string): Promise<Map<number, number>> {
  const buckets = new Map<number, number>();
  for (const node of nodes) {
    const text = await fetch(`http://127.0.0.1:${node.port}/metrics`)
      .then((r) => (r.ok ? r.text() : ""))
      .catch(() => "");
    for (const match of text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)`, "gm"))) {
      const le = match[1] === "+Inf" ? Infinity : Number(match[1]);
      buckets.set(le, (buckets.get(le) ?? 0) + Number(match[2]));
    }
  }
  return buckets;
}

/** The p99 (ms, as a bucket's upper bound) of what a histogram observed between two scrapes. */
function histogramP99(before: Map<number, number>, after: Map<number, number>): number | null {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return null;
  for (const le of bounds) if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= total * 0.99) return le * 1000;
  return null;
}

// Node-side figures beside the clients' p99: acceptance → the end of the flush that carried an
// event to this node's sockets (batch wait + flush), and one flush's length. What is left of the
// clients' p99 is the path after the node: the kernel, nginx and the client processes.
const NODE_HISTOGRAMS = ["plenary_chat_delivery_seconds", "plenary_chat_broadcast_flush_seconds"] as const;

/** N clients through the proxy, 50 msg/s for `seconds`: the delivery p99 (ms) and the share delivered. */
async function measure(
  proxyPort: number,
  clients: number,
): Promise<{
  p99: number;
  ratio: number;
  joined: number;
  cpu: Record<string, number>;
  node: { deliveryP99: number | null; flushP99: number | null };
}> {
  const parts = split(audience.cookies.slice(0, clients));
  const connected = await Promise.all(
    workers.map((w, i) => request(w.child, { cmd: "connect", port: proxyPort, cookies: parts[i], talkId: audience.talkId }, "connected")),
  );
  const joined = connected.reduce((n, c) => n + c.joined, 0);
  await sleep(1000);
  const histogramsBefore = await Promise.all(NODE_HISTOGRAMS.map(scrapeHistogram));
  const cpu = startCpuCount(cpuGroups());
  const done = await Promise.all(
    workers.map((w, i) =>
      request<Msg>(
        w.child,
        { cmd: "phase", mode: "plenary", rate: 50 / workersN, seconds, senders: 100, talkId: audience.talkId, worker: i, drainMs: 5000 },
        "phase-done",
      ),
    ),
  );
  const cpuShares = cpu.stop();
  const histogramsAfter = await Promise.all(NODE_HISTOGRAMS.map(scrapeHistogram));
  const [nodeDeliveryP99, flushP99] = NODE_HISTOGRAMS.map((_, i) => histogramP99(histogramsBefore[i]!, histogramsAfter[i]!));
  await Promise.all(workers.map((w) => request(w.child, { cmd: "disconnect" }, "disconnected")));
  const hist = new Map<number, number>();
  let received = 0;
  let acked = 0;
  for (const d of done) {
    received += d.received;
    acked += d.acked;
    for (const [ms, n] of d.hist as [number, number][]) hist.set(ms, (hist.get(ms) ?? 0) + n);
  }
  return {
    p99: percentile(hist, received, 0.99),
    ratio: received / Math.max(1, acked * joined),
    joined,
    cpu: cpuShares,
    node: { deliveryP99: nodeDeliveryP99, flushP99 },
  };
}

/** Grows the client count until the p99 passes the goal (or nothing more can be delivered). */
async function search(label: string, proxyPort: number) {
  let best = { clients: 0, p99: NaN };
  for (let clients = step; clients <= maxClients; clients += step) {
    const run = await measure(proxyPort, clients);
    log(
      `${label}: ${run.joined}/${clients} clients, p99 ${run.p99} ms (on the nodes: acceptance to flushed ≤ ${run.node.deliveryP99} ms, one flush ≤ ${run.node.flushP99} ms), ` +
        `delivered ${(run.ratio * 100).toFixed(2)} %, cores used ${JSON.stringify(run.cpu)}`,
    );
    if (run.joined < clients * 0.99 || run.ratio < 0.999 || !(run.p99 <= GOAL_P99_MS)) break;
    best = { clients, p99: run.p99 };
  }
  return best;
}

const [proxyPort, port1, port2, webPort] = await freePorts(4);
const workerConnections = 2 * maxClients + 1024;

// One node: both of nginx's realtime upstream entries are the same node. nginx runs as in
// production: a master and one worker per core.
let node1 = await startNode("realtime-1", port1!);
let node2: Node | null = null;
const nodes: Node[] = [node1];
let proxy: RunningNginx | null = await startNginx({
  port: proxyPort!,
  workerConnections,
  workerProcesses: "auto",
  upstreams: { web: webPort!, "realtime-1": port1!, "realtime-2": port1! },
});
const one = await search("one node", proxyPort!);
await proxy.stop();

// Two nodes over Redis.
node2 = await startNode("realtime-2", port2!);
nodes.push(node2);
proxy = await startNginx({
  port: proxyPort!,
  workerConnections,
  workerProcesses: "auto",
  upstreams: { web: webPort!, "realtime-1": port1!, "realtime-2": port2! },
});
const two = await search("two nodes", proxyPort!);

// Failover: followers resume as the chat panel does; acknowledged messages must all arrive.
const room = { talkId: audience.talkId };
type Follower = { socket: Socket; messages: ChatMessageView[]; errors: string[] };
const ack = (s: Socket, event: string, payload: unknown) =>
  s
    .timeout(10_000)
    .emitWithAck(event, payload)
    .catch(() => null) as Promise<any>;
function follow(cookie: string): Follower {
  const socket = connect(`http://127.0.0.1:${proxyPort}`, {
    transports: ["websocket"],
    extraHeaders: { cookie },
    reconnectionDelay: 200,
    reconnectionDelayMax: 1000,
  });
  const follower: Follower = { socket, messages: [], errors: [] };
  socket.on("connect_error", (error) => follower.errors.push(`connect_error: ${error.message}`));
  socket.on("disconnect", (reason) => follower.errors.push(`disconnect: ${reason}`));
  const keep = 100_000;
  socket.on("chat:batch", (batch: ChatBatchEvent[]) => {
    const added = batch.flatMap((e) => (e.type === "message" ? [e.message] : []));
    follower.messages = mergeMessages(follower.messages, added, keep);
  });
  socket.on("connect", async () => {
    const lastId = follower.messages.at(-1)?.id;
    const joined = await ack(socket, "chat:join", { room });
    if (!joined?.ok) return void follower.errors.push(joined?.error?.code ?? "TIMEOUT");
    if (!lastId) return;
    const caughtUp = await catchUpMessages({
      afterId: lastId,
      keep,
      fetchPage: async (cursor) => {
        const page = await ack(socket, "chat:history", { room, ...cursor });
        if (!page?.ok) throw new Error(page?.error?.message ?? "history timed out");
        return page as MessagePage;
      },
    }).catch((error: Error) => (follower.errors.push(error.message), null));
    if (caughtUp) follower.messages = applyCatchUp(follower.messages, caughtUp, keep);
  });
  return follower;
}
const followers = audience.cookies.slice(maxClients, maxClients + 60).map(follow);
await sleep(3000);
const acknowledged = new Set<string>();
let sending = true;
const senders = followers.slice(0, 20).map(async (f, i) => {
  await sleep(i * 50);
  while (sending) {
    const sent = f.socket.connected ? await ack(f.socket, "chat:send", { room, body: `failover b:${Date.now()}:` }) : null;
    if (sent?.ok) acknowledged.add(sent.message.id);
    await sleep(1000);
  }
});
await sleep(5000);
log("failover: SIGTERM realtime-1 (graceful replacement), then it comes back");
await stopNode(node1, "SIGTERM");
node1 = await startNode("realtime-1", port1!);
await sleep(5000);
log("failover: SIGKILL realtime-2, then it comes back");
await stopNode(node2, "SIGKILL");
node2 = await startNode("realtime-2", port2!);
await sleep(5000);
sending = false;
await Promise.all(senders);
// Let every follower reconnect and catch up.
for (let waited = 0; waited < 60_000; waited += 500) {
  if (followers.every((f) => f.socket.connected && [...acknowledged].every((id) => f.messages.some((m) => m.id === id)))) break;
  await sleep(500);
}
let lost = 0;
for (const f of followers) {
  const seen = new Set(f.messages.map((m) => m.id));
  for (const id of acknowledged) if (!seen.has(id)) lost++;
}
log(
  `failover: ${acknowledged.size} messages acknowledged, ${followers.length} followers (${followers.filter((f) => !f.socket.connected).length} not reconnected, errors: ${JSON.stringify(followers.flatMap((f) => f.errors))}), ${lost} (message, follower) pairs missing`,
);
for (const f of followers) f.socket.close();

// Everything stopped first: the JSON below must be the last line printed.
await proxy.stop();
await Promise.all([stopNode(node1), stopNode(node2)]);
for (const w of workers) w.child.kill("SIGTERM");
await audience.db.stop();
console.log(
  JSON.stringify({
    max_clients_one_node: one.clients,
    max_clients_two_nodes: two.clients,
    p99_ms_one_node: one.p99,
    p99_ms_two_nodes: two.p99,
    failover_lost_messages: lost,
  }),
);
process.exit(0);
