import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

// Realtime nodes sharing rooms through the real Redis, like tests/chat/support/cluster.ts, with a
// heartbeat clock the test sets (analytics-node.ts).
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type AnalyticsNode = { child: ChildProcess; url: string; setClock: (ms: number) => Promise<void> };

export function startAnalyticsNode(): Promise<AnalyticsNode> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "analytics-node.ts")], {
    env: { ...process.env, REDIS_URL, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: "test" },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const setClock = (ms: number) =>
    new Promise<void>((resolve) => {
      const onMessage = (message: { clockSet?: number }) => {
        if (message.clockSet !== ms) return;
        child.off("message", onMessage);
        resolve();
      };
      child.on("message", onMessage);
      child.send({ clock: ms });
    });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith('{"port"'));
      if (line) resolve({ child, url: `http://127.0.0.1:${JSON.parse(line).port}`, setClock });
    });
    child.once("exit", (code) => reject(new Error(`node exited early (${code})`)));
    setTimeout(() => reject(new Error("node did not start")), 150_000);
  });
}
