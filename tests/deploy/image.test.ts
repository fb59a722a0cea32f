import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/free-port";
import { readComposeFile } from "./compose-environment";

// No Docker engine here: the Dockerfile's rules are read, and what its runtime stage runs is run
// the way the image runs it — the server compiled by the same npm script into a fresh folder,
// started with plain node (no tsx, no loader) on a database the plain-node migrate job prepared.
const root = path.resolve(import.meta.dirname, "../..");
const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8").replace(/\\\r?\n/g, " ");
const stages = dockerfile.split(/^FROM\s+/m).slice(1);
const runtime = stages[stages.length - 1]!;
const instructions = (stage: string, name: string) => [...stage.matchAll(new RegExp(`^${name}\\s+(.+)$`, "gm"))].map((m) => m[1]!.trim());
const dockerignore = fs
  .readFileSync(path.join(root, ".dockerignore"), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

/** Would .dockerignore keep `file` out of the build context? (The patterns used there: names, dirs, `*` globs.) */
function ignored(file: string): boolean {
  return dockerignore.some((pattern) => {
    const anyDepth = pattern.startsWith("**/");
    const body = (anyDepth ? pattern.slice(3) : pattern).replace(/\./g, "\\.").replace(/\*/g, "[^/]*");
    return new RegExp(`^${anyDepth ? "(.*/)?" : ""}${body}(/.*)?$`).test(file);
  });
}

describe("Dockerfile and .dockerignore", () => {
  it("builds in one stage and runs in another that installs only runtime packages", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions(stages[0]!, "RUN").join(" ")).toMatch(/npm ci\b/);
    expect(instructions(stages[0]!, "RUN").join(" ")).toMatch(/next build/);
    expect(instructions(stages[0]!, "RUN").join(" ")).toMatch(/npm run build:server/);
    expect(instructions(runtime, "RUN").join(" ")).toMatch(/npm ci --omit=dev/);
    expect(runtime).not.toMatch(/COPY --from=build \/app\/node_modules/);
  });

  it("runs as a non-root user, with an init as PID 1, a HEALTHCHECK, and no tsx", () => {
    const users = instructions(runtime, "USER");
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.indexOf(`USER ${users.at(-1)}`)).toBeLessThan(runtime.indexOf("CMD "));
    expect(JSON.parse(instructions(runtime, "ENTRYPOINT")[0]!)).toEqual(["tini", "--"]);
    expect(instructions(runtime, "RUN").join(" ")).toMatch(/apt-get install[^&]*\btini\b/);
    const healthcheck = instructions(runtime, "HEALTHCHECK")[0]!;
    expect(healthcheck).toMatch(/CMD \["node", "scripts\/docker-healthcheck\.mjs"\]/);
    expect(instructions(runtime, "CMD").join(" ") + instructions(runtime, "ENTRYPOINT").join(" ")).not.toMatch(/tsx/);
    expect(instructions(runtime, "RUN").join(" ")).toMatch(/rm -rf node_modules\/tsx/);
  });

  it("keeps secrets, local data and installs out of the build context", () => {
    for (const file of [
      ".env",
      ".env.production",
      "app/.env",
      ".data/postgres/PG_VERSION",
      "node_modules/next/package.json",
      ".git/HEAD",
      "dist/server/main.js",
    ])
      expect(ignored(file), file).toBe(true);
    for (const file of ["package.json", "scripts/deploy-migrate.mjs", "server/main.ts", "app/page.tsx", "prisma/schema.prisma"])
      expect(ignored(file), file).toBe(false);
  });

  it("copies into the runtime stage every file that compose and Kubernetes run, and the context has them", () => {
    const copied = instructions(runtime, "COPY").flatMap((line) => {
      const parts = line.split(/\s+/).filter((p) => !p.startsWith("--"));
      return parts.slice(0, -1).map((source) => ({ source, fromBuild: line.includes("--from=build") }));
    });
    const inImage = (file: string) =>
      copied.some(({ source, fromBuild }) => {
        const s = fromBuild ? source.replace(/^\/app\//, "") : source;
        return file === s || file.startsWith(`${s.replace(/\/$/, "")}/`);
      });
    for (const { source, fromBuild } of copied)
      if (!fromBuild) expect(fs.existsSync(path.join(root, source)) && !ignored(source), `COPY ${source}`).toBe(true);
    const services = readComposeFile().services;
    const scripts = ["scripts/docker-healthcheck.mjs"];
    for (const name of ["web", "realtime-1", "realtime-2", "migrate"]) {
      const command = services[name]!.command!;
      scripts.push(...command.filter((arg) => /\.(m?js)$/.test(arg) || arg.startsWith("node_modules/")).map((arg) => arg.replace(/^\.\//, "")));
    }
    for (const file of scripts) {
      if (file.startsWith("node_modules/")) continue; // installed by npm ci in the stage
      expect(inImage(file), `${file} is in the runtime image`).toBe(true);
    }
  });
});

describe("the compiled server and the migrate job, run the way the image runs them", () => {
  const outdir = path.join(root, ".data", `image-build-${process.pid}`);
  const database = `plenary_image_${process.pid}`;
  const serverUrl = process.env.PLENARY_TEST_SERVER_URL!;
  const databaseUrl = (() => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
  })();
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // What the image's processes have: its ENV, the compose settings that matter here, nothing of ours.
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-image-media-"));
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    MEDIA_DIR: mediaDir,
    DATABASE_URL: databaseUrl,
    BETTER_AUTH_SECRET: "image-test-secret-0123456789abcdefghijkl",
    PUBLIC_URL: "http://localhost:8080",
  };
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${database}`);
    const build = spawnSync("npm", ["run", "--silent", "build:server", "--", "--outdir", outdir], { cwd: root, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(mediaDir, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  });

  it("the bundle is plain JavaScript: our @/ imports resolved, npm packages left to node_modules", () => {
    const bundle = fs.readFileSync(path.join(outdir, "server/main.js"), "utf8");
    expect(bundle).not.toMatch(/from\s+["']@\//);
    expect(bundle).not.toMatch(/from\s+["']tsx/);
    expect(bundle).toMatch(/from\s+["']socket\.io["']/);
    expect(fs.existsSync(path.join(outdir, "prisma/seed.js"))).toBe(true);
  });

  it("the migrate job applies every migration with node alone, and the compiled seed loads the demo", () => {
    const migrate = spawnSync(process.execPath, ["scripts/deploy-migrate.mjs"], {
      cwd: root,
      env: { ...baseEnv, PLENARY_SEED_DEMO: "0" },
      encoding: "utf8",
    });
    expect(migrate.status, migrate.stderr + migrate.stdout).toBe(0);
    const seed = spawnSync(process.execPath, [path.join(outdir, "prisma/seed.js")], { cwd: root, env: baseEnv, encoding: "utf8" });
    expect(seed.status, seed.stderr).toBe(0);
    expect(seed.stdout).toMatch(/Seeded the demo conference/);
  }, 180_000);

  it("`node dist/server/main.js` boots on that database and answers /healthz", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(outdir, "server/main.js")], {
      cwd: root,
      env: { ...baseEnv, REALTIME_PORT: String(port), RTMP_PORT: "0", MEDIA_LOW_RENDITION: "off" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    let health: { status: number; body: { ok: boolean; checks: Record<string, string> } } | undefined;
    for (let attempt = 0; attempt < 600 && child.exitCode === null; attempt++) {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (res) {
        health = { status: res.status, body: await res.json() };
        if (health.status === 200) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(child.exitCode, output).toBeNull();
    expect(health, output).toMatchObject({ status: 200, body: { ok: true, checks: { database: "ok" } } });
    expect(output).toMatch(/listening on :\d+/);
  }, 120_000);
});
