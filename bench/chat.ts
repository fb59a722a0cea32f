/**
 * `npm run bench:chat` — Plenary's real chat path against a bare socket.io broadcast server,
 * with the same 2,000 websocket clients, on this machine.
 *
 *   1. PostgreSQL: DATABASE_URL's server, or the embedded one; a scratch database is migrated.
 *   2. Users and sessions are written straight to the database (signing up 10,000 accounts
 *      through scrypt would take minutes); clients present real signed better-auth cookies.
 *   3. Phases, each with every client in one room:
 *        Plenary 50 msg/s three times, Plenary 10 msg/s  (auth, zod, rate limit, PostgreSQL insert,
 *        batching); the 50 msg/s figures are the worst of the three runs (p99_ms_runs lists them),
 *        with the server's event-loop delay and GC pauses (perf_hooks) beside them
 *        bare    50 msg/s, bare    10 msg/s  (io.to(room).emit per message, nothing else)
 *      then as many idle authenticated clients as one Plenary process holds (target 10,000).
 *   4. The last stdout line is one JSON object (see the README of the issue for the keys).
 *
 * Processes: this orchestrator, one server process (Plenary or bare), and client workers that
 * speak the socket.io protocol over raw `ws` (the engine.io/socket.io framing is tiny, and a
 * lighter client leaves more of the two cores to the servers being measured — the same clients
 * are used for both servers). Latency = receive time - send time stamped in the message body
 * (same machine, same clock).
 *
 * Env: BENCH_SECONDS (60), BENCH_CLIENTS (2000), BENCH_IDLE (10000), BENCH_SENDERS (200);
 * BENCH_ONLY=plenary skips the bare server and the idle phase, BENCH_ONLY=idle runs only the idle
 * phase (for quick iterations). Diagnostics: BENCH_HEAP_SNAPSHOT=1 writes a heap snapshot at each
 * idle-phase measurement (/tmp/plenary-heap-*.heapsnapshot, compare the two); BENCH_IDLE_ROLE=bare-server
 * holds the idle connections on bare socket.io instead, for the same figure without Plenary.
 */
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import http from "node:http";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";
import { percentile, request, spawnBenchRole, type Msg } from "./support/bench-processes";
import { prepareChatAudience } from "./support/chat-audience";

const SELF = fileURLToPath(import.meta.url);
const role = process.argv[2] ?? "main";
const AUTH_SECRET = process.env.BETTER_AUTH_SECRET ?? "plenary-bench-secret-0123456789-abcdefghijklmnop";

const log = (s: string) => process.stderr.write(`[bench:chat] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Server roles (child processes). They answer {cmd:"stats"} with CPU and memory.
// ---------------------------------------------------------------------------------------------
/** Percentiles (ms) from a prom-client histogram's cumulative buckets: the bucket bound where the share is reached. */
async function histogramPercentiles(
  metric: {
    get: () => Promise<{ values: { value: number; labels: Record<string, unknown>; metricName?: string }[] }>;
    reset: () => void;
  },
  only: Record<string, string> = {},
) {
  const values = (await metric.get()).values.filter((v) => Object.entries(only).every(([k, want]) => v.labels[k] === want));
  const buckets = values.filter((v) => v.metricName?.endsWith("_bucket")).map((v) => ({ le: Number(v.labels.le), n: v.value }));
  const total = values.find((v) => v.metricName?.endsWith("_count"))?.value ?? 0;
  metric.reset();
  const at = (q: number) => {
    const hit = buckets.find((b) => b.n >= total * q);
    return hit && Number.isFinite(hit.le) ? Math.round(hit.le * 1000) : null;
  };
  return { count: total, p50: at(0.5), p99: at(0.99) };
}

function serveStats(extra: () => Promise<Record<string, unknown>> = async () => ({})) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  // Every GC pause since the last stats request (ms), for the tail's evidence.
  let gcPauses: number[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  }).observe({ entryTypes: ["gc"] });
  process.on("message", async (m: Msg) => {
    if (m.cmd === "stats") {
      const loop = { p50: Math.round(lag.percentile(50) / 1e6), p99: Math.round(lag.percentile(99) / 1e6), max: Math.round(lag.max / 1e6) };
      lag.reset();
      const gc = gcPauses.sort((a, b) => a - b);
      gcPauses = [];
      const gcStats = {
        count: gc.length,
        p99: gc.length ? Math.round(gc[Math.min(gc.length - 1, Math.floor(gc.length * 0.99))] * 10) / 10 : 0,
        max: gc.length ? Math.round(gc[gc.length - 1] * 10) / 10 : 0,
        totalMs: Math.round(gc.reduce((a, b) => a + b, 0)),
      };
      if (m.gc && typeof global.gc === "function") {
        global.gc();
        global.gc();
      }
      if (m.snapshot && process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(`/tmp/plenary-heap-${Date.now()}.heapsnapshot`);
      const mem = process.memoryUsage();
      const more = await extra();
      process.send!({
        cmd: "stats",
        ...more,
        cpu: process.cpuUsage(),
        at: performance.now(),
        rss: mem.rss,
        heap: mem.heapUsed,
        heapTotal: mem.heapTotal,
        ext: mem.external,
        loop,
        gc: gcStats,
      });
    }
  });
}

async function runPlenaryServer() {
  const { configureAudience } = await import("@/server/audience");
  const { startRealtimeServer } = await import("@/server/realtime-server");
  // Experiments with the room batcher's budget: BENCH_BATCH_CPU_SHARE, BENCH_BATCH_MAX_WINDOW_MS, BENCH_BATCH_MAX_FLUSHES.
  configureAudience({
    ...(process.env.BENCH_BATCH_CPU_SHARE ? { batchCpuShare: Number(process.env.BENCH_BATCH_CPU_SHARE) } : {}),
    ...(process.env.BENCH_BATCH_MAX_WINDOW_MS ? { batchMaxWindowMs: Number(process.env.BENCH_BATCH_MAX_WINDOW_MS) } : {}),
    ...(process.env.BENCH_BATCH_MAX_FLUSHES ? { batchMaxFlushesPerSecond: Number(process.env.BENCH_BATCH_MAX_FLUSHES) } : {}),
  });
  const server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  const { realtimeMetrics } = await import("@/lib/metrics/realtime-metrics");
  // Server-side figures beside the clients' ones: accepted -> broadcast done, and one broadcast's length.
  serveStats(async () => ({
    delivery: await histogramPercentiles(realtimeMetrics.chatDelivery),
    // chat:send from arrival to ack (rights, rate limit, the insert): the database part of delivery.
    ack: await histogramPercentiles(realtimeMetrics.socketEvents, { event: "chat:send", outcome: "ok" }),
    flush: await histogramPercentiles(realtimeMetrics.broadcastFlush),
  }));
  // A clean exit writes the CPU profile when run with BENCH_PROF=1.
  process.on("SIGTERM", () => process.exit(0));
  process.send!({ cmd: "ready", port: server.port });
}

async function runBareServer() {
  const { Server } = await import("socket.io");
  const httpServer = http.createServer();
  const io = new Server(httpServer);
  io.on("connection", (socket) => {
    void socket.join("room");
    socket.on("chat", (payload: { body: string }, ack?: (r: unknown) => void) => {
      io.to("room").emit("chat", { body: payload.body, at: Date.now() });
      ack?.({ ok: true });
    });
  });
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", () => r()));
  serveStats();
  process.send!({ cmd: "ready", port: (httpServer.address() as { port: number }).port });
}

// ---------------------------------------------------------------------------------------------
// Client worker: socket.io protocol (EIO=4) over raw websockets.
// ---------------------------------------------------------------------------------------------
async function runClients() {
  // A clean exit writes the CPU profile when run with BENCH_PROF_CLIENTS=1.
  process.on("SIGTERM", () => process.exit(0));
  const { default: WebSocket } = await import("ws");
  const STAMP = /b:(\d{13}):/g;
  let hist = new Uint32Array(60_001);
  let slices: Uint32Array[] = [];
  let received = 0;
  let measuring = false;
  let phaseStart = 0;

  class Client {
    ws!: InstanceType<typeof WebSocket>;
    nextAck = 1;
    acks = new Map<number, (v: any) => void>();
    open = false;
    connect(port: number, cookie: string | null): Promise<boolean> {
      return new Promise((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, {
          headers: cookie ? { cookie } : {},
          perMessageDeflate: false,
        });
        this.ws = ws;
        const timer = setTimeout(() => resolve(false), 60_000);
        ws.on("message", (data: Buffer) => {
          const s = data.toString();
          const c = s.charCodeAt(0);
          if (c === 52 /* 4: message */) {
            const t = s.charCodeAt(1);
            if (t === 50 /* 2: event */) {
              if (!measuring) return;
              const now = Date.now();
              STAMP.lastIndex = 0;
              let m: RegExpExecArray | null;
              while ((m = STAMP.exec(s))) {
                const stamp = Number(m[1]);
                // Stragglers of an earlier phase are not this phase's deliveries.
                if (stamp < phaseStart) continue;
                const ms = now - stamp;
                hist[Math.min(60_000, Math.max(0, ms))]++;
                // Per 5 s of sending, for where in a run the tail sits (log only).
                const slice = Math.floor((stamp - phaseStart) / 5000);
                (slices[slice] ??= new Uint32Array(5001))[Math.min(5000, Math.max(0, ms))]++;
                received++;
              }
            } else if (t === 51 /* 3: ack */) {
              const bracket = s.indexOf("[");
              const id = Number(s.slice(2, bracket));
              const cb = this.acks.get(id);
              if (cb) {
                this.acks.delete(id);
                cb(JSON.parse(s.slice(bracket))[0]);
              }
            } else if (t === 48 /* 0: connect */) {
              this.open = true;
              clearTimeout(timer);
              resolve(true);
            } else if (t === 52 /* 4: connect error */) {
              clearTimeout(timer);
              resolve(false);
            }
          } else if (c === 50 /* 2: ping */) ws.send("3");
          else if (c === 48 /* 0: open */) ws.send("40");
        });
        ws.on("error", () => {
          clearTimeout(timer);
          resolve(false);
        });
        ws.on("close", () => {
          this.open = false;
        });
      });
    }
    emit(event: string, payload: unknown): Promise<any> {
      const id = this.nextAck++;
      return new Promise((resolve) => {
        this.acks.set(id, resolve);
        this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
        setTimeout(() => {
          if (this.acks.delete(id)) resolve({ ok: false, error: { code: "TIMEOUT" } });
        }, 30_000);
      });
    }
  }

  let clients: Client[] = [];
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  async function connectAll(port: number, cookies: (string | null)[], concurrency: number) {
    const out: Client[] = new Array(cookies.length);
    let next = 0;
    let ok = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cookies.length) {
          const i = next++;
          const c = new Client();
          if (await c.connect(port, cookies[i])) ok++;
          out[i] = c;
        }
      }),
    );
    return { list: out, ok };
  }

  process.on("message", async (m: Msg) => {
    if (m.cmd === "connect") {
      const { list, ok } = await connectAll(m.port, m.cookies, 100);
      clients = list;
      let joined = 0;
      if (m.talkId) {
        for (let i = 0; i < clients.length; i += 200) {
          const acks = await Promise.all(
            clients
              .slice(i, i + 200)
              .filter((c) => c.open)
              .map((c) => c.emit("talk:join", { talkId: m.talkId })),
          );
          joined += acks.filter((a) => a?.ok).length;
        }
      } else joined = ok;
      process.send!({ cmd: "connected", ok, joined });
    } else if (m.cmd === "phase") {
      hist = new Uint32Array(60_001);
      slices = [];
      lag.reset();
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      phaseStart = Date.now();
      received = 0;
      measuring = true;
      const senders = clients.filter((c) => c.open).slice(0, m.senders);
      let sent = 0;
      let acked = 0;
      const errors: Record<string, number> = {};
      const start = Date.now();
      const total = Math.round(m.rate * m.seconds);
      let seq = 0;
      await new Promise<void>((resolve) => {
        const tick = setInterval(() => {
          const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * m.rate));
          while (seq < due) {
            const sender = senders[seq % senders.length];
            const body = `b:${Date.now()}:${m.worker}-${seq}`;
            seq++;
            sent++;
            const p = m.mode === "plenary" ? sender.emit("chat:send", { room: { talkId: m.talkId }, body }) : sender.emit("chat", { body });
            void p.then((a) => {
              if (a?.ok) acked++;
              else errors[a?.error?.code ?? "?"] = (errors[a?.error?.code ?? "?"] ?? 0) + 1;
            });
          }
          if (seq >= total) {
            clearInterval(tick);
            resolve();
          }
        }, 5);
      });
      // Let the last messages arrive.
      await sleep(m.drainMs);
      measuring = false;
      const sparse: [number, number][] = [];
      hist.forEach((n, ms) => n && sparse.push([ms, n]));
      const cpu = process.cpuUsage(cpuBefore);
      const cpuPct = Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore)) * 100);
      const sliceHists = Array.from(slices, (h) => {
        const out: [number, number][] = [];
        h?.forEach((n, ms) => n && out.push([ms, n]));
        return out;
      });
      process.send!({
        cmd: "phase-done",
        sent,
        acked,
        errors,
        received,
        hist: sparse,
        sliceHists,
        loopP99: Math.round(lag.percentile(99) / 1e6),
        cpuPct,
      });
    } else if (m.cmd === "disconnect") {
      for (const c of clients) c.ws?.terminate();
      clients = [];
      await sleep(200);
      process.send!({ cmd: "disconnected" });
    }
  });
  process.send!({ cmd: "ready" });
}

// ---------------------------------------------------------------------------------------------
// Orchestrator.
// ---------------------------------------------------------------------------------------------
const spawnRole = (name: string, env: NodeJS.ProcessEnv, execArgv: string[] = []) =>
  spawnBenchRole(SELF, name, env, execArgv, process.env.BENCH_TRACE_GC ? "inherit" : "ignore");

type PhaseRun = { rate: number; p50: number; p99: number; ratio: number; cpu: number; loopP99: number; gcP99: number };

/** The figures of the 50 msg/s runs, each the worst of them (a tail must hold every run), and the 10 msg/s run. */
function summarize(runs: PhaseRun[]) {
  const busy = runs.filter((r) => r.rate === 50);
  const worst = (pick: (r: PhaseRun) => number) => (busy.length ? Math.max(...busy.map(pick)) : 0);
  return {
    p50: worst((r) => r.p50),
    p99: worst((r) => r.p99),
    p99Runs: busy.map((r) => r.p99),
    loopP99: worst((r) => r.loopP99),
    gcP99: worst((r) => r.gcP99),
    ratio: busy.length ? Math.round(Math.min(...busy.map((r) => r.ratio)) * 10_000) / 10_000 : 0,
    cpu: busy.length ? Math.round((busy.reduce((a, r) => a + r.cpu, 0) / busy.length) * 10) / 10 : 0,
    p99At10: runs.find((r) => r.rate === 10)?.p99 ?? 0,
  };
}

async function main() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 60);
  const clientsN = Number(process.env.BENCH_CLIENTS ?? 2000);
  const idleN = Number(process.env.BENCH_IDLE ?? 10_000);
  const sendersN = Number(process.env.BENCH_SENDERS ?? 200);
  const workersN = 2;

  // 1. Database, and 2. a conference with a public keynote (any account may chat there) and the accounts.
  const { db, databaseUrl, talkId, cookies } = await prepareChatAudience({
    databaseName: "plenary_bench_chat",
    accounts: Math.max(clientsN, idleN),
    authSecret: AUTH_SECRET,
    log,
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: AUTH_SECRET,
    NODE_ENV: "production",
    PLENARY_ALLOW_DEV_SECRET: "1",
  };
  // The children's configuration, checked once here rather than failing in each of them.
  const { parseEnv } = await import("@/lib/config/env");
  parseEnv(env);
  const clientProf = process.env.BENCH_PROF_CLIENTS ? ["--cpu-prof", "--cpu-prof-dir=/tmp/plenary-chat-prof-clients"] : [];
  const workers = await Promise.all(Array.from({ length: workersN }, () => spawnRole("clients", env, clientProf)));
  const split = <T>(list: T[]) => Array.from({ length: workersN }, (_, w) => list.filter((_, i) => i % workersN === w));

  async function runPhases(mode: "plenary" | "bare", port: number, server: ChildProcess, rates: number[]) {
    const started = Date.now();
    const parts = split(cookies.slice(0, clientsN).map((c) => (mode === "plenary" ? c : null)));
    const connected = await Promise.all(
      workers.map((w, i) => request(w.child, { cmd: "connect", port, cookies: parts[i], talkId: mode === "plenary" ? talkId : null }, "connected")),
    );
    const joined = connected.reduce((n, c) => n + c.joined, 0);
    log(`${mode}: ${joined}/${clientsN} clients in the room (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    type Run = {
      rate: number;
      p50: number;
      p99: number;
      ratio: number;
      cpu: number;
      sent: number;
      errors: Record<string, number>;
      loopP99: number;
      gcP99: number;
    };
    const results: Run[] = [];
    for (const rate of rates) {
      await sleep(1000);
      const before = await request<Msg>(server, { cmd: "stats" }, "stats");
      const done = await Promise.all(
        workers.map((w, i) =>
          request<Msg>(
            w.child,
            { cmd: "phase", mode, rate: rate / workersN, seconds, senders: Math.ceil(sendersN / workersN), talkId, worker: i, drainMs: 5000 },
            "phase-done",
          ),
        ),
      );
      const after = await request<Msg>(server, { cmd: "stats" }, "stats");
      const hist = new Map<number, number>();
      let received = 0;
      let ok = 0;
      let sent = 0;
      const errors: Record<string, number> = {};
      for (const d of done) {
        received += d.received;
        ok += mode === "plenary" ? d.acked : d.sent;
        sent += d.sent;
        for (const [ms, n] of d.hist as [number, number][]) hist.set(ms, (hist.get(ms) ?? 0) + n);
        for (const [k, v] of Object.entries(d.errors as Record<string, number>)) errors[k] = (errors[k] ?? 0) + v;
      }
      // p99 per 5 s of the run (both workers' deliveries merged): where the tail sits.
      const slicesP99: number[] = [];
      for (let i = 0; ; i++) {
        const merged = new Map<number, number>();
        let n = 0;
        for (const d of done) {
          for (const [ms, c] of (d.sliceHists as [number, number][][])[i] ?? []) {
            merged.set(ms, (merged.get(ms) ?? 0) + c);
            n += c;
          }
        }
        if (!n) break;
        slicesP99.push(percentile(merged, n, 0.99));
      }
      const cpuMicros = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
      const wallMs = after.at - before.at;
      const run: Run = {
        rate,
        p50: percentile(hist, received, 0.5),
        p99: percentile(hist, received, 0.99),
        ratio: received / (ok * joined),
        cpu: Math.round((cpuMicros / 1000 / wallMs) * 1000) / 10,
        sent,
        errors,
        loopP99: after.loop.p99,
        gcP99: after.gc.p99,
      };
      results.push(run);
      log(
        `${mode} ${rate} msg/s: ${JSON.stringify(run)} server loop ${JSON.stringify(after.loop)} gc ${JSON.stringify(after.gc)}${after.delivery ? ` server accept->broadcast ${JSON.stringify(after.delivery)} accept->ack ${JSON.stringify(after.ack)} flush ${JSON.stringify(after.flush)}` : ""} p99 per 5 s ${slicesP99.join(",")} ms, client loop p99 ${done.map((d) => d.loopP99).join("/")} ms, client cpu ${done.map((d) => d.cpuPct).join("/")} %`,
      );
    }
    await Promise.all(workers.map((w) => request(w.child, { cmd: "disconnect" }, "disconnected")));
    return results;
  }

  const idleOnly = process.env.BENCH_ONLY === "idle";
  // 3a. Plenary.
  const prof = [
    ...(process.env.BENCH_PROF ? ["--cpu-prof", "--cpu-prof-dir=/tmp/plenary-chat-prof"] : []),
    ...(process.env.BENCH_TRACE_GC ? ["--trace-gc"] : []),
  ];
  let plenary = idleOnly ? null! : await spawnRole("plenary-server", env, ["--expose-gc", ...prof]);
  // The 50 msg/s phase three times: a tail has to hold run after run, so the worst one counts.
  const plenaryRuns = idleOnly ? [] : await runPhases("plenary", plenary.ready.port, plenary.child, [50, 50, 50, 10]);
  const p = summarize(plenaryRuns);
  plenary?.child.kill("SIGTERM");
  await sleep(500);

  if (process.env.BENCH_ONLY === "plenary") {
    for (const w of workers) w.child.kill("SIGTERM");
    await db.stop();
    console.log(
      JSON.stringify({
        clients: clientsN,
        p50_ms: p.p50,
        p99_ms: p.p99,
        p99_ms_runs: p.p99Runs,
        server_loop_p99_ms: p.loopP99,
        gc_pause_p99_ms: p.gcP99,
        p99_ms_10: p.p99At10,
        delivered_ratio: p.ratio,
        cpu_pct: p.cpu,
      }),
    );
    process.exit(0);
  }

  // 3b. Bare socket.io.
  const bare = idleOnly ? null : await spawnRole("bare-server", env);
  const b = summarize(bare ? await runPhases("bare", bare.ready.port, bare.child, [50, 10]) : []);
  bare?.child.kill("SIGTERM");

  // 4. Idle authenticated connections held by one fresh Plenary process.
  plenary = await spawnRole(process.env.BENCH_IDLE_ROLE ?? "plenary-server", env, ["--expose-gc"]);
  await sleep(500);
  // The baseline is a node that has served one authenticated connection: the first session
  // lookup loads the database client (Prisma's query compiler is WebAssembly, tens of MiB), a
  // one-time cost of every running node that is not per connection.
  await request(workers[0].child, { cmd: "connect", port: plenary.ready.port, cookies: cookies.slice(0, 1), talkId: null }, "connected");
  await request(workers[0].child, { cmd: "disconnect" }, "disconnected");
  await sleep(500);
  const base = await request<Msg>(plenary.child, { cmd: "stats", gc: true, snapshot: true }, "stats");
  const idleParts = split(cookies.slice(0, idleN));
  const idleStarted = Date.now();
  const idle = await Promise.all(
    workers.map((w, i) => request(w.child, { cmd: "connect", port: plenary.ready.port, cookies: idleParts[i], talkId: null }, "connected")),
  );
  const held = idle.reduce((n, c) => n + c.ok, 0);
  // Settle: V8 gives back the heap it grew during the connection storm only once the process has
  // been idle a while (its memory reducer runs some seconds after allocation slows down, in
  // rounds). What a node holding idle connections costs is that steady state, not the storm's
  // high-water mark: sample until the resident size stops falling (at most a minute).
  let loaded = await request<Msg>(plenary.child, { cmd: "stats", gc: true }, "stats");
  for (let waited = 0; waited < 60_000; waited += 5_000) {
    await sleep(5_000);
    const next = await request<Msg>(plenary.child, { cmd: "stats", gc: true }, "stats");
    const settled = loaded.rss - next.rss < 2 * 2 ** 20;
    loaded = next;
    if (settled && waited >= 10_000) break;
  }
  if (process.env.BENCH_HEAP_SNAPSHOT) await request<Msg>(plenary.child, { cmd: "stats", gc: true, snapshot: true }, "stats");
  log(
    `idle: ${held}/${idleN} authenticated connections in ${((Date.now() - idleStarted) / 1000).toFixed(1)} s; rss ${(base.rss / 2 ** 20).toFixed(0)} -> ${(loaded.rss / 2 ** 20).toFixed(0)} MiB, heap ${(base.heap / 2 ** 20).toFixed(0)} -> ${(loaded.heap / 2 ** 20).toFixed(0)} MiB, heap committed ${(base.heapTotal / 2 ** 20).toFixed(0)} -> ${(loaded.heapTotal / 2 ** 20).toFixed(0)} MiB, external ${(base.ext / 2 ** 20).toFixed(0)} -> ${(loaded.ext / 2 ** 20).toFixed(0)} MiB`,
  );
  await Promise.all(workers.map((w) => request(w.child, { cmd: "disconnect" }, "disconnected")));
  // Servers and clients first, the database last: the JSON below must be the last line printed.
  const exited = (c: { exitCode: number | null; once: (e: "exit", f: () => void) => unknown }) =>
    new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : void c.once("exit", () => resolve())));
  plenary.child.kill("SIGTERM");
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all([plenary.child, ...workers.map((w) => w.child)].map(exited));
  await db.stop();

  if (idleOnly) {
    console.log(
      JSON.stringify({ idle_connections: held, kb_per_connection: Math.round(((loaded.rss - base.rss) / Math.max(1, held) / 1024) * 10) / 10 }),
    );
    process.exit(0);
  }
  const result = {
    clients: clientsN,
    p50_ms: p.p50,
    p99_ms: p.p99,
    p99_ms_runs: p.p99Runs,
    server_loop_p99_ms: p.loopP99,
    gc_pause_p99_ms: p.gcP99,
    bare_p99_ms: b.p99,
    p99_ms_10: p.p99At10,
    bare_p99_ms_10: b.p99At10,
    delivered_ratio: p.ratio,
    cpu_pct: p.cpu,
    idle_connections: held,
    kb_per_connection: Math.round(((loaded.rss - base.rss) / Math.max(1, held) / 1024) * 10) / 10,
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

if (role === "plenary-server") await runPlenaryServer();
else if (role === "bare-server") await runBareServer();
else if (role === "clients") await runClients();
else await main();
