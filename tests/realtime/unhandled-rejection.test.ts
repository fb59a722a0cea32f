import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("the realtime process", () => {
  it("logs an unhandled rejection and keeps running", () => {
    // The same guard server/main.ts installs first, in a process of its own.
    const script = [
      'import { logUnhandledRejections } from "./server/log-unhandled-rejections.ts";',
      "logUnhandledRejections();",
      'void Promise.reject(new Error("final write failed"));',
      'setTimeout(() => { console.log("still running"); process.exit(0); }, 200);',
    ].join("\n");
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, LOG_FORMAT: "json" },
    });
    // One JSON line for the log collector, with the error's message and stack.
    const entry = run.stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string; stack: string } })
      .find((e) => e.msg.startsWith("unhandled rejection"));
    expect(entry).toMatchObject({
      level: 50,
      msg: "unhandled rejection (the realtime server keeps running)",
      err: { message: "final write failed" },
    });
    expect(entry?.err?.stack).toContain("Error: final write failed");
    expect(run.stdout).toContain("still running");
    expect(run.status).toBe(0);
  });

  it("installs that guard at its entry point", async () => {
    const main = await import("node:fs").then((fs) => fs.readFileSync(path.join(root, "server/main.ts"), "utf8"));
    expect(main.indexOf("logUnhandledRejections()")).toBeGreaterThan(-1);
    expect(main.indexOf("logUnhandledRejections()")).toBeLessThan(main.indexOf("await startRealtimeServer"));
  });
});
