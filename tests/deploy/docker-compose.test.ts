import { describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { parseEnv } from "@/lib/config/env";
import { composeEnvironment, imageEnvironment, interpolate, readComposeFile } from "./compose-environment";

// Docker has no engine on our build machines: the production file is validated by reading it.
const root = path.resolve(import.meta.dirname, "../..");
const compose = readComposeFile();
const services = compose.services;
// What the operator sets, as in the file's own instructions; everything else is left unset.
const shell = { BETTER_AUTH_SECRET: "x".repeat(40), PUBLIC_URL: "https://conf.example.org" };
const appServices = ["web", "realtime-1", "realtime-2", "migrate"];
// What the node base image itself sets (node:20-bookworm-slim); the Dockerfile's ENV lines come on top.
const baseImageEnv: Record<string, string> = {
  PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
  NODE_VERSION: "20",
  YARN_VERSION: "1.22.22",
};

/** Boots lib/config in a process of its own with exactly `environment` (nothing inherited from this one). */
function bootConfig(environment: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "tests/deploy/support/boot-config.ts"], {
    cwd: root,
    env: environment as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
}

/** The documented command's variables, read from the header comment of docker-compose.yml. */
function documentedVariables(): string[] {
  const header = fs
    .readFileSync(path.join(root, "docker-compose.yml"), "utf8")
    .split("\n")
    .find((l) => l.includes("docker compose up"))!;
  return [...header.matchAll(/([A-Z_]+)=/g)].map((m) => m[1]!);
}

describe("docker-compose.yml", () => {
  it("has postgres, redis, a migration job, the web app, realtime nodes and a proxy", () => {
    expect(Object.keys(services).sort()).toEqual(["migrate", "postgres", "proxy", "realtime-1", "realtime-2", "redis", "web"]);
  });

  it("every long-running service has a health check, and dependencies wait for health or completion", () => {
    for (const [name, service] of Object.entries(services)) {
      if (name !== "migrate") expect(service.healthcheck?.test?.length, `${name} healthcheck`).toBeGreaterThan(0);
      for (const [dep, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(services[dep], `${name} depends on unknown ${dep}`).toBeDefined();
        if (dep === "migrate") expect(condition).toBe("service_completed_successfully");
        else {
          expect(condition).toBe("service_healthy");
          expect(services[dep]!.healthcheck, `${dep} must have a healthcheck`).toBeDefined();
        }
      }
    }
  });

  it("named volumes are declared and the data that matters is on volumes", () => {
    for (const [name, service] of Object.entries(services)) {
      for (const v of service.volumes ?? []) {
        const source = v.split(":")[0]!;
        if (source.startsWith(".")) expect(fs.existsSync(path.join(root, source)), `${name} mounts missing ${source}`).toBe(true);
        else expect(compose.volumes, `${name} uses undeclared volume ${source}`).toHaveProperty(source);
      }
    }
    expect(services.postgres!.volumes?.some((v) => v.startsWith("postgres-data:"))).toBe(true);
    expect(services["realtime-1"]!.volumes?.some((v) => v.startsWith("media:"))).toBe(true);
  });

  it("the documented `docker compose up` sets only BETTER_AUTH_SECRET and PUBLIC_URL", () => {
    expect(documentedVariables().sort()).toEqual(Object.keys(shell).sort());
  });

  it("compose refuses to start without BETTER_AUTH_SECRET, before any process boots", () => {
    expect(() => composeEnvironment(services.web!, { PUBLIC_URL: shell.PUBLIC_URL })).toThrow(/BETTER_AUTH_SECRET/);
  });

  it("each app service's process boots on exactly the environment compose gives it: no Stripe, empty strings included", () => {
    for (const name of appServices) {
      const given = { ...baseImageEnv, ...imageEnvironment(), ...composeEnvironment(services[name]!, shell) };
      // Nothing filtered: the optional settings compose passes as "" reach the process as "".
      for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "SMTP_URL", "MAIL_FROM"]) expect(given[key], `${name}.${key}`).toBe("");
      const boot = bootConfig(given);
      expect(boot.status, `${name} refused to boot: ${boot.err}`).toBe(0);
      const config = JSON.parse(boot.out);
      expect(config, name).toMatchObject({ NODE_ENV: "production", MEDIA_DIR: "/data/media", payments: "none" });
      for (const key of ["DATABASE_URL", "REDIS_URL"]) {
        const host = new URL(config[key]).hostname;
        expect(services[host], `${name}.${key} points at ${host}`).toBeDefined();
      }
    }
  });

  it("with Stripe's keys set the same file boots with Stripe; a malformed key is refused at boot", () => {
    const stripe = { STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" };
    const web = { ...baseImageEnv, ...imageEnvironment(), ...composeEnvironment(services.web!, { ...shell, ...stripe }) };
    expect(JSON.parse(bootConfig(web).out)).toMatchObject({ payments: "stripe" });
    const wrong = bootConfig({ ...web, STRIPE_SECRET_KEY: "pk_live_1" });
    expect(wrong.status).toBe(1);
    expect(wrong.err).toMatch(/STRIPE_SECRET_KEY/);
  });

  it("every variable an app service sets is one lib/config knows", async () => {
    const { envVariableNames } = await import("@/lib/config/env");
    const known = new Set<string>([...envVariableNames, "NEXT_TELEMETRY_DISABLED"]);
    for (const name of appServices) {
      for (const key of Object.keys(composeEnvironment(services[name]!, shell))) expect(known.has(key), `${name}: ${key}`).toBe(true);
    }
  });

  it("every realtime node gives OBS the same RTMP address, also the node without an RTMP listener (issue 14.2)", () => {
    const rtmpUrl = (name: string) => parseEnv(composeEnvironment(services[name]!, shell)).RTMP_PUBLIC_URL;
    expect(rtmpUrl("realtime-1")).toMatch(/^rtmp:\/\//);
    expect(rtmpUrl("realtime-2")).toBe(rtmpUrl("realtime-1"));
  });

  it("the commands exist and run plain node: npm scripts, the compiled server's entry point, the Dockerfile and the proxy's upstreams", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const buildServer = fs.readFileSync(path.join(root, "scripts/build/build-server.mjs"), "utf8");
    for (const [name, service] of Object.entries(services)) {
      const cmd = service.command ?? [];
      expect(cmd.join(" "), `${name} runs tsx`).not.toMatch(/tsx/);
      if (cmd[0] === "npm" && cmd[1] === "run") expect(pkg.scripts, `${name}: npm run ${cmd[2]}`).toHaveProperty(cmd[2]!);
      if (cmd[0] === "node") {
        const script = cmd.find((arg, i) => i > 0 && !arg.startsWith("-") && cmd[i - 1] !== "--import")!;
        // dist/ is built in the image by `npm run build:server` from the TypeScript entry point.
        const compiled = /^dist\/(.+)\.js$/.exec(script);
        if (compiled) {
          expect(buildServer, `${name}: ${script} is built`).toContain(`"${compiled[1]}.ts"`);
          expect(fs.existsSync(path.join(root, `${compiled[1]}.ts`))).toBe(true);
        } else expect(fs.existsSync(path.join(root, script)), `${name}: ${script}`).toBe(true);
      }
      if (service.build) expect(fs.existsSync(path.join(root, "Dockerfile"))).toBe(true);
    }
    const nginx = fs.readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
    const upstreams = [...nginx.matchAll(/^\s*server\s+([\w-]+):\d+[^;]*;/gm)].map((m) => m[1]!);
    expect(upstreams.sort()).toEqual(["realtime-1", "realtime-2", "web"]);
    // Affinity by a per-browser cookie, never by client address (one NAT, one node).
    expect(nginx).not.toMatch(/^\s*ip_hash;/m);
    expect(nginx).toMatch(/hash \$plenary_sticky_key consistent;/);
  });
});

describe("compose interpolation and env files, as compose reads them", () => {
  it("interpolates defaults, required and alternative values, $$ and nested defaults", () => {
    const vars = { SET: "a", EMPTY: "" };
    expect(interpolate("${SET:-d} ${EMPTY:-d} ${EMPTY-d} ${UNSET-d} ${UNSET}", vars)).toBe("a d  d ");
    expect(interpolate("${SET:+alt}/${EMPTY:+alt}/${EMPTY+alt}/$SET/$$SET", vars)).toBe("alt//alt/a/$SET");
    expect(interpolate("${UNSET:-${SET}-x}", vars)).toBe("a-x");
    expect(() => interpolate("${EMPTY:?must be set}", vars)).toThrow(/EMPTY.*must be set/);
    expect(interpolate("${EMPTY?must be set}", vars)).toBe("");
  });

  it("reads env_file first and environment over it, in list or map form, passing shell variables through", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-compose-"));
    try {
      const file = path.join(dir, "app.env");
      fs.writeFileSync(file, "# settings\nA=from-file\nB='quoted $x'\nC=\"${SET}-1\"\nexport D=4 # note\n\n");
      const env = composeEnvironment(
        { env_file: [file, { path: path.join(dir, "missing.env"), required: false }], environment: ["A=from-environment", "PASS", "ABSENT"] },
        { SET: "s", PASS: "p" },
      );
      expect(env).toEqual({ A: "from-environment", B: "quoted $x", C: "s-1", D: "4", PASS: "p" });
      expect(composeEnvironment({ environment: { N: 3, T: true, E: "" } }, {})).toEqual({ N: "3", T: "true", E: "" });
      expect(() => composeEnvironment({ env_file: path.join(dir, "missing.env") }, {})).toThrow(/not found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
