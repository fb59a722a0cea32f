import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { freePorts } from "../../scripts/free-port";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * The newcomer's path: `npm start` with no DATABASE_URL runs Plenary on the embedded PostgreSQL,
 * seeds the demo, serves the home page, and stops everything on Ctrl-C.
 */
describe("npm start on the embedded default", () => {
  it("starts with no DATABASE_URL, serves the demo conference's home page, and stops cleanly on SIGINT", async () => {
    const { DATABASE_URL: _db, NODE_ENV: _mode, ...inherited } = process.env;
    // Ports the OS says are free (3000, 3200... may be anyone's); no RTMP listener.
    const [port, realtimePort] = await freePorts(2);
    const env = {
      ...inherited,
      PORT: String(port),
      REALTIME_PORT: String(realtimePort),
      PUBLIC_URL: `http://localhost:${port}`,
      RTMP_PORT: "0",
    } as unknown as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (/ready in/.test(output)) {
            clearInterval(timer);
            resolve();
          }
          if (child.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`npm start exited early:\n${output.slice(-3000)}`));
          }
        }, 250);
      });
      expect(output).toMatch(/embedded PostgreSQL ready/);
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      // The home page lists the instance's conferences; the demo's own home shows what is on now.
      expect(html).toContain("Plenary Summit");
      const demo = await fetch(`http://127.0.0.1:${port}/plenary-summit`);
      expect(demo.status).toBe(200);
      expect(await demo.text()).toContain("Live now");
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(await health.json()).toMatchObject({ ok: true, checks: { database: "ok", realtime: [{ ok: true, state: "ok" }] } });
    } finally {
      // Ctrl-C: the apps stop first, then the embedded database, and the process exits 0.
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 420_000);
});
