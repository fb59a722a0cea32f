import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "@/lib/config/env";
import { composeEnvironment, readComposeFile } from "./compose-environment";

// Docker has no engine on our build machines: the production file is validated by reading it.
const root = path.resolve(import.meta.dirname, "../..");
const compose = readComposeFile();
const services = compose.services;
// What the operator sets, as in the file's own instructions; everything else is left unset.
const shell = { BETTER_AUTH_SECRET: "x".repeat(40), PUBLIC_URL: "https://conf.example.org" };

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

  it("app services get a valid environment pointing at services that exist", () => {
    for (const name of ["web", "realtime-1", "realtime-2", "migrate"]) {
      // Exactly what compose hands the process, empty strings included (STRIPE_* are "").
      const env = composeEnvironment(services[name]!, shell);
      expect(() => parseEnv(env), name).not.toThrow();
      for (const key of ["DATABASE_URL", "REDIS_URL"]) {
        const host = new URL(env[key]!).hostname;
        expect(services[host], `${name}.${key} points at ${host}`).toBeDefined();
      }
    }
  });

  it("every realtime node gives OBS the same RTMP address, also the node without an RTMP listener (issue 14.2)", async () => {
    const { parseEnv } = await import("@/lib/config/env");
    const rtmpUrl = (name: string) => {
      const raw = Object.entries(services[name]!.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-([^}]*)\}/g, "$1")]);
      return parseEnv(Object.fromEntries(raw.filter(([, v]) => v !== "" && !v!.includes("${")))).RTMP_PUBLIC_URL;
    };
    expect(rtmpUrl("realtime-1")).toMatch(/^rtmp:\/\//);
    expect(rtmpUrl("realtime-2")).toBe(rtmpUrl("realtime-1"));
  });

  it("the commands exist: npm scripts, the realtime entry point, the Dockerfile and the proxy's upstreams", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    for (const [name, service] of Object.entries(services)) {
      const cmd = service.command ?? [];
      if (cmd[0] === "npm" && cmd[1] === "run") expect(pkg.scripts, `${name}: npm run ${cmd[2]}`).toHaveProperty(cmd[2]!);
      if (cmd.includes("tsx")) expect(fs.existsSync(path.join(root, cmd[cmd.length - 1]!))).toBe(true);
      if (service.build) expect(fs.existsSync(path.join(root, "Dockerfile"))).toBe(true);
    }
    const nginx = fs.readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
    const upstreams = [...nginx.matchAll(/^\s*server\s+([\w-]+):\d+;/gm)].map((m) => m[1]!);
    expect(upstreams.sort()).toEqual(["realtime-1", "realtime-2", "web"]);
    expect(nginx).toMatch(/ip_hash;/); // sticky sessions for socket.io
  });
});
