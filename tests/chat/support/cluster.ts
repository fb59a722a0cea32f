import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { sleep } from "../helpers";

// Two realtime processes sharing rooms and presence through the real Redis at 127.0.0.1:6379.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type Node = { child: ChildProcess; port: number; url: string };

export function startNode(extraEnv: Record<string, string> = {}): Promise<Node> {
  // `node --import tsx` (not the tsx CLI, which forks): SIGKILL must hit the server itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "cluster-node.ts"), "0"], {
    env: { ...process.env, REDIS_URL, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: "test", ...extraEnv },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const line = out.split("\n").find((l) => l.startsWith('{"port"'));
      if (line) {
        const port = JSON.parse(line).port as number;
        resolve({ child, port, url: `http://127.0.0.1:${port}` });
      }
    });
    child.once("exit", (code) => reject(new Error(`node exited early (${code})`)));
    // Only for a node that never comes up: a cold `tsx` start on a loaded machine can take a minute.
    setTimeout(() => reject(new Error("node did not start")), 150_000);
  });
}

/**
 * A stand-in for the sticky load balancer: new connections go to the first backend that accepts
 * them, so when node A dies its clients reconnect through the same address and land on node B.
 * No backends: connections are refused (the viewer's network is down); `cut` drops open ones.
 */
export function startProxy(backends: () => number[]): Promise<{ port: number; close: () => void; cut: () => void }> {
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.once("close", () => open.delete(client));
    const tryConnect = (i: number) => {
      const ports = backends();
      if (i >= ports.length) return client.destroy();
      const upstream = net.connect(ports[i], "127.0.0.1");
      let connected = false;
      upstream.once("connect", () => {
        connected = true;
        client.pipe(upstream).pipe(client);
      });
      upstream.once("error", () => {
        // Refused (that node no longer listens): the next one, as a balancer's health check would.
        if (!connected) tryConnect(i + 1);
        else client.destroy();
      });
      upstream.once("close", () => connected && client.destroy());
      client.once("close", () => upstream.destroy());
      client.once("error", () => upstream.destroy());
    };
    tryConnect(0);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () => server.close(),
        cut: () => {
          for (const c of open) c.destroy();
        },
      }),
    ),
  );
}

export async function waitUntil(predicate: () => boolean, timeoutMs = 8000, what = "condition") {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`${what} not met in ${timeoutMs} ms`);
    await sleep(25);
  }
}
