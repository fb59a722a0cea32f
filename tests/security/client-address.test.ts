import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import { overrideEnv } from "@/lib/config/env";
import { resolveClientAddress } from "@/lib/security/client-address";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";

const root = path.resolve(import.meta.dirname, "../..");

describe("resolveClientAddress", () => {
  const trustedProxies = ["127.0.0.0/8", "::1", "10.0.0.0/8"];

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress({ peer: "203.0.113.9", forwardedFor: "198.51.100.1", trustedProxies })).toBe("203.0.113.9");
    expect(resolveClientAddress({ peer: "::ffff:203.0.113.9", forwardedFor: "127.0.0.1", trustedProxies })).toBe("203.0.113.9");
  });

  it("behind trusted proxies, takes the rightmost address they did not add", () => {
    expect(resolveClientAddress({ peer: "::ffff:127.0.0.1", forwardedFor: "198.51.100.1", trustedProxies })).toBe("198.51.100.1");
    // The client wrote "6.6.6.6, 7.7.7.7" itself; our proxies appended the real one and their own.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: ["6.6.6.6, 7.7.7.7", "198.51.100.1, 10.0.0.3"], trustedProxies })).toBe(
      "198.51.100.1",
    );
    expect(resolveClientAddress({ peer: "::1", forwardedFor: "2001:DB8::1", trustedProxies })).toBe("2001:0db8:0000:0000:0000:0000:0000:0001");
    // Every hop ours (a client inside the proxies' network): the furthest one.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: "10.1.2.3, 10.0.0.3", trustedProxies })).toBe("10.1.2.3");
    // No header: the proxy itself.
    expect(resolveClientAddress({ peer: "10.0.0.2", forwardedFor: null, trustedProxies })).toBe("10.0.0.2");
  });

  it("does not believe a chain whose hop next to ours is garbage", () => {
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.1, not-an-address", trustedProxies })).toBe("127.0.0.1");
  });

  it("with no trusted proxies, the peer is always the client", () => {
    expect(resolveClientAddress({ peer: "127.0.0.1", forwardedFor: "198.51.100.1", trustedProxies: [] })).toBe("127.0.0.1");
    expect(resolveClientAddress({ peer: undefined, forwardedFor: "198.51.100.1", trustedProxies })).toBeNull();
  });
});

describe("the web server's preload (scripts/web/stamp-peer-address.mjs)", () => {
  let child: ChildProcess;
  let port: number;
  beforeAll(async () => {
    // A plain node HTTP server with the preload, as the web app runs: it answers the header it saw.
    const server = `require("node:http").createServer((req, res) => res.end(JSON.stringify([req.headers["x-plenary-peer-address"] ?? null, globalThis[Symbol.for("plenary.peerAddressStamped")] === true]))).listen(0, "127.0.0.1", function () { console.log(this.address().port) })`;
    child = spawn(process.execPath, ["--import", "./scripts/web/stamp-peer-address.mjs", "-e", server], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    port = await new Promise<number>((resolve, reject) => {
      child.stdout!.once("data", (chunk: Buffer) => resolve(Number(String(chunk).trim())));
      child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
  });
  afterAll(() => {
    child?.kill();
  });

  it("writes the TCP peer over whatever the client sent under that name", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-plenary-peer-address": "198.51.100.66" } });
    expect(await response.json()).toEqual(["127.0.0.1", true]);
  });
});

describe("the realtime server's handshake", () => {
  let server: RealtimeServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await server?.close();
  });

  async function addressSeenFor(forwardedFor: string): Promise<string | null> {
    const socket = connect(`http://127.0.0.1:${server.port}`, {
      transports: ["websocket"],
      extraHeaders: { "x-forwarded-for": forwardedFor },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const mine = (await server.io.fetchSockets()).find((s) => s.id === socket.id);
    return mine!.data.clientAddress;
  }

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    // The default trusts loopback: a proxy on this machine.
    expect(await addressSeenFor("198.51.100.5")).toBe("198.51.100.5");
    const restore = overrideEnv({ TRUSTED_PROXIES: "10.0.0.0/8" });
    try {
      expect(await addressSeenFor("198.51.100.5")).toBe("127.0.0.1");
    } finally {
      restore();
    }
  });
});
