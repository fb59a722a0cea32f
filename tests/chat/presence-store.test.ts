import { afterAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createLocalPresenceStore, createRedisPresenceStore, type NodeTalkPresence } from "@/server/audience/presence-store";

// The presence store on its own, against the real Redis at 127.0.0.1:6379 and in-process.
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

const room = (accounts: [string, string][], anonymous = 0): NodeTalkPresence => ({
  accountIds: accounts.map(([id]) => id),
  users: accounts,
  anonymous,
});

describe("presence store: people, not sockets", () => {
  const redis = new Redis(REDIS_URL);
  const prefix = `test:presence:${randomUUID()}`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it("in Redis, an account on two nodes counts once; anonymous viewers add up", async () => {
    const nodeA = createRedisPresenceStore({ redis, nodeId: "a", ttlMs: 5000, prefix });
    const nodeB = createRedisPresenceStore({ redis, nodeId: "b", ttlMs: 5000, prefix });
    await nodeA.publish(
      new Map([
        [
          "t1",
          room(
            [
              ["alice", "Alice"],
              ["bob", "Bob"],
            ],
            1,
          ),
        ],
      ]),
    );
    await nodeB.publish(
      new Map([
        [
          "t1",
          room(
            [
              ["alice", "Alice"],
              ["carol", "Carol"],
            ],
            2,
          ),
        ],
        ["t2", room([["alice", "Alice"]])],
      ]),
    );
    for (const store of [nodeA, nodeB]) {
      const totals = await store.readTotals();
      expect(totals.get("t1")?.count).toBe(3 + 3);
      expect(
        totals
          .get("t1")
          ?.users.map((u) => u.name)
          .sort(),
      ).toEqual(["Alice", "Bob", "Carol"]);
      expect(totals.get("t2")).toEqual({ count: 1, users: [{ id: "alice", name: "Alice" }] });
    }
    // A node that leaves takes only what it alone held.
    await nodeB.close();
    expect((await nodeA.readTotals()).get("t1")).toMatchObject({ count: 2 + 1 });
    await nodeA.close();
  });

  it("a node that left on purpose is not taken for dead; one that stopped refreshing is", async () => {
    const gone: string[] = [];
    const ttlMs = 300;
    const watcher = createRedisPresenceStore({ redis, nodeId: "w", ttlMs, prefix: `${prefix}:gone`, onNodeGone: (id) => gone.push(id) });
    const leaving = createRedisPresenceStore({ redis, nodeId: "leaving", ttlMs, prefix: `${prefix}:gone` });
    const dying = createRedisPresenceStore({ redis, nodeId: "dying", ttlMs, prefix: `${prefix}:gone` });
    for (const store of [watcher, leaving, dying]) await store.publish(new Map([["t1", room([["a", "A"]])]]));
    await watcher.readTotals(); // sees all three
    await leaving.close(); // drained and left
    // "dying" simply stops refreshing (SIGKILL); the watcher keeps refreshing past its TTL.
    const deadline = Date.now() + 20_000;
    while (!gone.includes("dying") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      await watcher.publish(new Map());
      await watcher.readTotals();
    }
    expect(gone).toEqual(["dying"]);
    await watcher.close();
  });

  it("in-process, the count is the node's accounts plus its anonymous viewers", async () => {
    const store = createLocalPresenceStore();
    await store.publish(
      new Map([
        [
          "t1",
          room(
            [
              ["alice", "Alice"],
              ["bob", "Bob"],
            ],
            2,
          ),
        ],
      ]),
    );
    expect((await store.readTotals()).get("t1")).toEqual({
      count: 4,
      users: [
        { id: "alice", name: "Alice" },
        { id: "bob", name: "Bob" },
      ],
    });
  });
});
