import type { Redis } from "ioredis";

/** What one realtime node sees in one talk room. */
export type NodeTalkPresence = { count: number; users: [id: string, name: string][] };
export type TalkPresence = { count: number; users: { id: string; name: string }[] };

// Names are for "who is here"; past this many the panel shows the count only.
export const PRESENCE_NAMES_MAX = 100;

/**
 * Presence across realtime nodes. Each node publishes what its own rooms hold (room membership,
 * not a hand-kept counter) and reads everyone's sum. Two backends: in-process (one node) and
 * Redis (several). In Redis every node's entry carries a TTL, so a node that dies drops out of
 * the totals on its own.
 */
export interface PresenceStore {
  publish(snapshot: Map<string, NodeTalkPresence>): Promise<void>;
  readTotals(): Promise<Map<string, TalkPresence>>;
  close(): Promise<void>;
}

function addInto(totals: Map<string, TalkPresence>, talkId: string, p: NodeTalkPresence) {
  const t = totals.get(talkId) ?? { count: 0, users: [] };
  t.count += p.count;
  for (const [id, name] of p.users) {
    if (t.users.length < PRESENCE_NAMES_MAX && !t.users.some((u) => u.id === id)) t.users.push({ id, name });
  }
  totals.set(talkId, t);
}

export function createLocalPresenceStore(): PresenceStore {
  let last = new Map<string, NodeTalkPresence>();
  return {
    async publish(snapshot) {
      last = snapshot;
    },
    async readTotals() {
      const totals = new Map<string, TalkPresence>();
      for (const [talkId, p] of last) addInto(totals, talkId, p);
      return totals;
    },
    async close() {},
  };
}

export function createRedisPresenceStore(options: { redis: Redis; nodeId: string; ttlMs: number; prefix?: string }): PresenceStore {
  const { redis, nodeId, ttlMs } = options;
  const prefix = options.prefix ?? "plenary:presence";
  const nodesKey = `${prefix}:nodes`;
  const nodeKey = (id: string) => `${prefix}:node:${id}`;
  return {
    async publish(snapshot) {
      const fields: string[] = [];
      for (const [talkId, p] of snapshot) fields.push(talkId, JSON.stringify(p));
      const tx = redis.multi().del(nodeKey(nodeId));
      if (fields.length) tx.hset(nodeKey(nodeId), ...fields);
      await tx.pexpire(nodeKey(nodeId), ttlMs).zadd(nodesKey, Date.now(), nodeId).exec();
    },
    async readTotals() {
      const now = Date.now();
      const nodes = await redis.zrangebyscore(nodesKey, now - ttlMs, "+inf");
      // Nodes that stopped refreshing are gone; their hashes expire by themselves.
      void redis.zremrangebyscore(nodesKey, "-inf", now - ttlMs).catch(() => {});
      const pipeline = redis.pipeline();
      for (const id of nodes) pipeline.hgetall(nodeKey(id));
      const results = nodes.length ? ((await pipeline.exec()) ?? []) : [];
      const totals = new Map<string, TalkPresence>();
      for (const [error, hash] of results) {
        if (error || !hash) continue;
        for (const [talkId, json] of Object.entries(hash as Record<string, string>)) addInto(totals, talkId, JSON.parse(json));
      }
      return totals;
    },
    async close() {
      await redis
        .multi()
        .del(nodeKey(nodeId))
        .zrem(nodesKey, nodeId)
        .exec()
        .catch(() => {});
    },
  };
}
