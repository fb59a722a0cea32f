import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { superviseChild } from "@/scripts/supervise";

const node = (code: string) => () => spawn(process.execPath, ["-e", code], { stdio: "ignore" });

async function until(check: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("npm start's child supervisor", () => {
  it("restarts a crashed child with a message and keeps it running; stop ends it without a restart", async () => {
    const lines: string[] = [];
    let starts = 0;
    let gaveUp = false;
    const supervised = superviseChild({
      name: "realtime server",
      // The first run crashes like an unhandled rejection would (exit 1); the restart stays up.
      start: () => (++starts === 1 ? node("setTimeout(() => process.exit(1), 50)")() : node("setInterval(() => {}, 1000)")()),
      log: (line) => lines.push(line),
      onGiveUp: () => (gaveUp = true),
      delayMs: 50,
    });
    await until(() => starts === 2);
    expect(lines).toEqual(["realtime server exited (1); restarting it in 0.05s (the rest keeps running)"]);
    const restarted = supervised.current;
    await new Promise((r) => setTimeout(r, 300));
    expect(restarted.exitCode).toBeNull();
    await supervised.stop();
    expect(restarted.signalCode).toBe("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    expect(starts).toBe(2);
    expect(gaveUp).toBe(false);
  });

  it("gives up on a child that keeps crashing, so a broken setup still stops with its error", async () => {
    const lines: string[] = [];
    let starts = 0;
    let gaveUp: number | null = null;
    superviseChild({
      name: "web app",
      start: () => (starts++, node("process.exit(3)")()),
      log: (line) => lines.push(line),
      onGiveUp: (code) => (gaveUp = code),
      maxRestarts: 2,
      delayMs: 10,
    });
    await until(() => gaveUp !== null);
    expect(gaveUp).toBe(3);
    expect(starts).toBe(3);
    expect(lines.at(-1)).toBe("web app exited (3) 3 times within 60s; stopping");
  });
});
