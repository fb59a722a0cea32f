import { test, expect, type Page } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { io as connect, type Socket } from "socket.io-client";
import { composeEnvironment, imageEnvironment, readComposeFile } from "../../tests/deploy/compose-environment";
import { findNginx, startNginx, type RunningNginx } from "../../tests/deploy/support/nginx";
import { ensureDatabase, projectRoot } from "../../scripts/db/embedded-postgres";
import { freePorts } from "../../scripts/free-port";
import { ACCOUNTS, signIn } from "../support/accounts";

// docker-compose.yml's topology run natively, without a Docker engine: the migrate job, web, two
// realtime nodes and nginx with deploy/nginx.conf, each process started with its compose `command`
// and exactly the environment compose gives it (the image's ENV, then the service's, interpolated
// from the operator's shell). Only what names another container changes, because here everything
// is on loopback: service hostnames and ports (postgres, redis, web, realtime-N) and the shared
// media volume's path. PostgreSQL and Redis are the machine's own (DATABASE_URL's server or an
// embedded one; REDIS_URL).

const nginx = findNginx();
const redisUrl = process.env.REDIS_URL;
test.skip(!nginx, "nginx is not installed (Debian's nginx package; scripts/ensure-tools.ts installs it)");
test.skip(!redisUrl, "the compose topology shares rooms through Redis: set REDIS_URL");
test.describe.configure({ timeout: 420_000 });

type Topology = {
  proxyUrl: string;
  databaseUrl: string;
  nodes: { name: string; port: number }[];
  rtmpPort: number;
  processes: ChildProcess[];
  proxy: RunningNginx;
  mediaDir: string;
};
let topology: Topology | null = null;

function start(name: string, command: string[], env: Record<string, string>): ChildProcess {
  // The image's PATH and HOME are the container's; the processes here need the machine's.
  const child = spawn(command[0] === "node" ? process.execPath : command[0]!, command.slice(1), {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? os.homedir(), ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = `[${name}] `;
  const relay = (chunk: Buffer) => {
    if (process.env.TOPOLOGY_LOGS) process.stderr.write(chunk.toString().replace(/^(?=.)/gm, prefix));
  };
  child.stdout!.on("data", relay);
  child.stderr!.on("data", relay);
  return child;
}

async function waitForHttp(url: string, what: string, timeoutMs = 180_000) {
  const startedAt = Date.now();
  for (;;) {
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() - startedAt > timeoutMs) throw new Error(`${what} did not answer ${url}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test.beforeAll(async () => {
  test.setTimeout(420_000);
  const [proxyPort, webPort, realtime1Port, realtime2Port, rtmpPort] = await freePorts(5);
  const server = await ensureDatabase({ dataDir: path.join(projectRoot, ".data/postgres-e2e"), port: 54349, log: () => {} });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS plenary_topology WITH (FORCE)");
  await admin.query("CREATE DATABASE plenary_topology");
  await admin.end();
  const databaseUrl = Object.assign(new URL(server.url), { pathname: "/plenary_topology" }).toString();
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-topology-media-"));

  // What the operator's shell holds when running `docker compose up` (README, Production).
  const shell: Record<string, string> = {
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
    PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
    RTMP_PUBLIC_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
    PLENARY_SEED_DEMO: "1",
  };
  const compose = readComposeFile();
  const loopback: Record<string, string> = {
    "realtime-1:3001": `127.0.0.1:${realtime1Port}`,
    "realtime-2:3001": `127.0.0.1:${realtime2Port}`,
  };
  const envOf = (service: string, ports: Record<string, string> = {}) => {
    const env = { ...imageEnvironment(), ...composeEnvironment(compose.services[service]!, shell) };
    // Containers' names and ports become this machine's.
    if (env.DATABASE_URL) env.DATABASE_URL = databaseUrl;
    if (env.REDIS_URL) env.REDIS_URL = redisUrl!;
    if (env.MEDIA_DIR) env.MEDIA_DIR = mediaDir;
    if (env.REALTIME_INTERNAL_URL) env.REALTIME_INTERNAL_URL = env.REALTIME_INTERNAL_URL.replace(/realtime-\d:3001/g, (host) => loopback[host]!);
    return { ...env, ...ports };
  };
  const commandOf = (service: string, ports: Record<string, string> = {}) => compose.services[service]!.command!.map((part) => ports[part] ?? part);

  const processes: ChildProcess[] = [];
  topology = {
    proxyUrl: `http://127.0.0.1:${proxyPort}`,
    databaseUrl,
    nodes: [
      { name: "realtime-1", port: realtime1Port! },
      { name: "realtime-2", port: realtime2Port! },
    ],
    rtmpPort: rtmpPort!,
    processes,
    proxy: null!,
    mediaDir,
  };

  // The image's build step for the realtime nodes' `node dist/server/main.js`.
  const built = spawnSync(process.execPath, ["scripts/build/build-server.mjs"], { cwd: projectRoot, encoding: "utf8" });
  expect(built.status, built.stderr).toBe(0);

  // 1. migrate: runs to completion first (service_completed_successfully).
  const migrate = start("migrate", commandOf("migrate"), envOf("migrate"));
  processes.push(migrate);
  const migrated = await new Promise<number | null>((resolve) => migrate.once("exit", resolve));
  expect(migrated, "the migrate job exits 0").toBe(0);

  // 2. web and the realtime nodes, as compose starts them.
  processes.push(
    start("realtime-1", commandOf("realtime-1"), envOf("realtime-1", { REALTIME_PORT: String(realtime1Port), RTMP_PORT: String(rtmpPort) })),
  );
  processes.push(start("realtime-2", commandOf("realtime-2"), envOf("realtime-2", { REALTIME_PORT: String(realtime2Port) })));
  processes.push(start("web", commandOf("web", { "3000": String(webPort) }), envOf("web", { PORT: String(webPort) })));
  for (const node of topology.nodes) await waitForHttp(`http://127.0.0.1:${node.port}/healthz`, node.name);
  await waitForHttp(`http://127.0.0.1:${webPort}/api/health`, "web");

  // 3. nginx with deploy/nginx.conf, in front of them.
  topology.proxy = await startNginx({
    port: proxyPort!,
    upstreams: { web: webPort!, "realtime-1": realtime1Port!, "realtime-2": realtime2Port! },
    mediaDir: topology.mediaDir,
  });
  await waitForHttp(`${topology.proxyUrl}/api/health`, "the proxy");
});

test.afterAll(async () => {
  if (!topology) return;
  for (const child of topology.processes) if (child.exitCode === null) child.kill("SIGTERM");
  await topology.proxy?.stop();
  fs.rmSync(topology.mediaDir, { recursive: true, force: true });
});

/** An encoder like OBS: H.264 + AAC over RTMP at real-time pace. */
function pushRtmp(url: string, seconds: number): ChildProcess {
  return spawn(
    process.env.FFMPEG_PATH || "ffmpeg",
    [
      ...["-hide_banner", "-loglevel", "error", "-re"],
      ...["-f", "lavfi", "-i", "testsrc=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
      ...["-t", String(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p"],
      ...["-c:a", "aac", "-b:a", "64k", "-f", "flv", url],
    ],
    { stdio: "ignore" },
  );
}

async function socketsOn(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^plenary_socket_connections (\d+)/m.exec(text)?.[1] ?? 0);
}

async function videoTime(page: Page): Promise<number> {
  return page.getByTestId("talk-video").evaluate((v: HTMLVideoElement) => v.currentTime);
}

test("through nginx: sign in, watch a live talk fed over RTMP, chat; a client on the other node sees the messages", async ({ browser }) => {
  const t = topology!;
  // A demo talk that starts now (the go-live window), pushed from "OBS" to realtime-1.
  const db = new pg.Client({ connectionString: t.databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string; slug: string; streamKey: string }>(
    `UPDATE "Talk" SET "startsAt" = now() - interval '1 minute', "endsAt" = now() + interval '1 hour'
     WHERE id = (SELECT id FROM "Talk" WHERE status = 'SCHEDULED' ORDER BY "startsAt" LIMIT 1)
     RETURNING id, slug, "streamKey"`,
  );
  const talk = rows[0]!;
  const encoder = pushRtmp(`rtmp://127.0.0.1:${t.rtmpPort}/live/${talk.streamKey}`, 120);
  try {
    await expect
      .poll(async () => (await db.query(`SELECT status FROM "Talk" WHERE id = $1`, [talk.id])).rows[0].status, { timeout: 90_000 })
      .toBe("LIVE");

    const context = await browser.newContext({ baseURL: t.proxyUrl });
    const page = await context.newPage();
    await signIn(page, ACCOUNTS.attendee);
    await page.goto(`/plenary-summit/talks/${talk.slug}`);
    await expect.poll(() => videoTime(page), { timeout: 60_000 }).toBeGreaterThan(1);

    // Which node holds the browser's socket (through the proxy's affinity); the other client goes to the other one.
    await expect
      .poll(async () => (await Promise.all(t.nodes.map((n) => socketsOn(n.port)))).reduce((a, b) => a + b), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const counts = await Promise.all(t.nodes.map((n) => socketsOn(n.port)));
    const other = t.nodes[counts[0]! > 0 ? 1 : 0]!;
    const cookie = (await context.cookies(t.proxyUrl)).map((c) => `${c.name}=${c.value}`).join("; ");
    const elsewhere: Socket = connect(`http://127.0.0.1:${other.port}`, { transports: ["websocket"], extraHeaders: { cookie, origin: t.proxyUrl } });
    try {
      const heard: string[] = [];
      elsewhere.on("chat:batch", (batch: { type: string; message?: { body: string } }[]) => {
        for (const e of batch) if (e.type === "message") heard.push(e.message!.body);
      });
      const joined = await elsewhere.timeout(15_000).emitWithAck("chat:join", { room: { talkId: talk.id } });
      expect(joined).toMatchObject({ ok: true });

      const chat = page.getByRole("region", { name: "Talk chat" });
      const fromBrowser = `through the proxy ${Date.now()}`;
      await chat.getByRole("textbox", { name: "Message" }).fill(fromBrowser);
      await chat.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => heard, { timeout: 15_000 }).toContain(fromBrowser);

      const fromOther = `from ${other.name} ${Date.now()}`;
      expect(await elsewhere.timeout(15_000).emitWithAck("chat:send", { room: { talkId: talk.id }, body: fromOther })).toMatchObject({ ok: true });
      await expect(chat.getByRole("list", { name: "Chat messages" }).getByText(fromOther)).toBeVisible({ timeout: 15_000 });
    } finally {
      elsewhere.close();
    }
    await context.close();
  } finally {
    encoder.kill("SIGKILL");
    await db.end();
  }
});
