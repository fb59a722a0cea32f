import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { RoomBatcher } from "@/server/audience/room-batcher";
import type { ChatBatchEvent } from "@/lib/chat/schemas";
import { sleep } from "./helpers";

async function waitUntil(predicate: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
}

// The batcher on a real socket.io server with real clients. A tiny CPU share makes even this
// small room "expensive", so the storm behaviour shows without 2,000 sockets.
describe("room batcher", () => {
  let io: Server;
  let httpServer: http.Server;
  const clients: Socket[] = [];

  beforeAll(async () => {
    httpServer = http.createServer();
    io = new Server(httpServer);
    io.on("connection", (s) => void s.join("room"));
    await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", () => r()));
    const port = (httpServer.address() as { port: number }).port;
    for (let i = 0; i < 3; i++) {
      const c = connect(`http://127.0.0.1:${port}`, { transports: ["websocket"] });
      await new Promise<void>((r) => c.once("connect", () => r()));
      clients.push(c);
    }
    await sleep(50);
  });
  afterAll(() => {
    clients.forEach((c) => c.close());
    io.close();
  });

  const event = (n: number): ChatBatchEvent => ({ type: "delete", roomKey: "room", messageId: String(n) });

  it("sends a quiet room's event at once, and a storm as few packets, in order, nothing lost", async () => {
    // At once: with a 30 s batching window, the first event arrives long before any window ends
    // (a bound no load reaches; the old 50 ms budget belonged in bench/).
    const quiet = new RoomBatcher(io, { cpuShare: 0.000_001, maxWindowMs: 30_000, burst: 1 });
    const started = Date.now();
    const first = new Promise<ChatBatchEvent[]>((resolve) => clients[0].once("chat:batch", resolve));
    quiet.push("room", event(-1));
    expect(await first).toEqual([event(-1)]);
    expect(Date.now() - started).toBeLessThan(15_000);

    const batcher = new RoomBatcher(io, { cpuShare: 0.000_001, maxWindowMs: 100, burst: 1 });
    const packets: ChatBatchEvent[][] = [];
    clients[0].on("chat:batch", (batch: ChatBatchEvent[]) => packets.push(batch));
    batcher.push("room", event(0));
    for (let i = 1; i <= 50; i++) batcher.push("room", event(i));
    const ids = () => packets.flat().map((e) => Number((e as { messageId: string }).messageId));
    await waitUntil(() => ids().length >= 51);
    expect(ids()).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(packets[0]).toEqual([event(0)]); // the first at once, on its own
    expect(packets.length).toBeLessThanOrEqual(3); // 1 + one batch (+1 if a window boundary fell inside)
    for (const other of clients.slice(1)) expect(other.connected).toBe(true);
  });

  it("keeps a busy room under its frame ceiling even when the fan-out is cheap here", async () => {
    // A huge CPU share: by cost alone every event could leave on its own. The ceiling (2 frames a
    // second) gathers what arrives over ~150 ms into one batch after the first.
    const batcher = new RoomBatcher(io, { cpuShare: 1_000, maxWindowMs: 10_000, burst: 1, maxFlushesPerSecond: 2 });
    const packets: ChatBatchEvent[][] = [];
    const listener = (batch: ChatBatchEvent[]) => packets.push(batch);
    clients[2].on("chat:batch", listener);
    const started = Date.now();
    for (let i = 200; i < 215; i++) {
      batcher.push("room", event(i));
      await sleep(10);
    }
    const ids = () => packets.flat().map((e) => Number((e as { messageId: string }).messageId));
    const pushedForMs = Date.now() - started;
    await waitUntil(() => ids().length >= 15);
    clients[2].off("chat:batch", listener);
    expect(ids()).toEqual(Array.from({ length: 15 }, (_, i) => 200 + i));
    // The first at once; the rest in as many frames as the ceiling allows over the time they took
    // to arrive (a loaded machine stretches that time, and the bound with it; by cost alone it'd be ~15).
    expect(packets[0]).toEqual([event(200)]);
    expect(packets.length).toBeLessThanOrEqual(2 + Math.ceil(pushedForMs / 500));
  });

  it("flushes what is pending on close", async () => {
    const batcher = new RoomBatcher(io, { cpuShare: 0.000_001, maxWindowMs: 60_000, burst: 1 });
    const got: ChatBatchEvent[] = [];
    clients[1].on("chat:batch", (batch: ChatBatchEvent[]) => got.push(...batch));
    batcher.push("room", event(100));
    batcher.push("room", event(101));
    batcher.close();
    // Long before the 60 s window would have: close() sent them.
    await waitUntil(() => got.length >= 2, 20_000);
    expect(got.map((e) => (e as { messageId: string }).messageId)).toEqual(["100", "101"]);
  });
});
