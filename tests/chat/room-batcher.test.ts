import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { RoomBatcher } from "@/server/audience/room-batcher";
import type { ChatBatchEvent } from "@/lib/chat/schemas";
import { sleep } from "./helpers";

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
    const batcher = new RoomBatcher(io, { cpuShare: 0.000_001, maxWindowMs: 100, burst: 1 });
    const packets: ChatBatchEvent[][] = [];
    clients[0].on("chat:batch", (batch: ChatBatchEvent[]) => packets.push(batch));

    const started = Date.now();
    batcher.push("room", event(0));
    await new Promise<void>((resolve) => clients[0].once("chat:batch", () => resolve()));
    expect(Date.now() - started).toBeLessThan(50); // no wait for the first one

    for (let i = 1; i <= 50; i++) batcher.push("room", event(i));
    await sleep(400);
    const ids = packets.flat().map((e) => Number((e as { messageId: string }).messageId));
    expect(ids).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(packets.length).toBeLessThanOrEqual(3); // 1 + one batch (+1 if a window boundary fell inside)
    for (const other of clients.slice(1)) expect(other.connected).toBe(true);
  });

  it("flushes what is pending on close", async () => {
    const batcher = new RoomBatcher(io, { cpuShare: 0.000_001, maxWindowMs: 10_000, burst: 1 });
    const got: ChatBatchEvent[] = [];
    clients[1].on("chat:batch", (batch: ChatBatchEvent[]) => got.push(...batch));
    batcher.push("room", event(100));
    batcher.push("room", event(101));
    batcher.close();
    await sleep(200);
    expect(got.map((e) => (e as { messageId: string }).messageId)).toEqual(["100", "101"]);
  });
});
