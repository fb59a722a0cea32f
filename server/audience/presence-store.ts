import type { Redis } from "ioredis";

/**
 * What one realtime node sees in one talk room: the accounts in it (every id, so the same person
 * on two nodes counts once), a few of their names, and its anonymous viewers (one per socket: they
 * have nothing else to tell them apart).
 */
export type NodeTalkPresence = { accountIds: string[]; users: [id: string, name: string][]; anonymous: number };
export type TalkPresence = { count: number; users: { id: string; name: string }[] };

// Names are for "who is here"; past this many the panel shows the count only.
export const PRESENCE_NAMES_MAX = 100;

/**
 * Presence across realtime nodes. Each node publishes what its own rooms hold (room membership,
 * not a hand-kept counter) and reads everyone's total: people, not sockets, so an account with a
 * tab on each of two nodes is one watcher. Two backends: in-process (one node) and Redis
 * (several). In Redis every node's entry carries a TTL, so a node that dies drops out of the
 * totals on its own.
 */
export interface PresenceStore {
  publish(snapshot: Map<string, NodeTalkPresence>): Promise<void>;
  readTotals(): Promise<Map<string, TalkPresence>>;
  close(): Promise<void>;
}

/** The totals of several nodes' snapshots: distinct accounts plus every node's anonymous viewers. */
function sumNodes(nodes: Iterable<Map<string, NodeTalkPresence>>): Map<string, TalkPresence> {
  const byTalk = new Map<string, { accounts: Set<string>; anonymous: number; users: Map<string, string> }>();
  for (const node of nodes) {
    for (const [talkId, p] of node) {
      const t = byTalk.get(talkId) ?? { accounts: new Set<string>(), anonymous: 0, users: new Map<string, string>() };
      for (const id of p.accountIds) t.accounts.add(id);
      t.anonymous += p.anonymous;
      for (const [id, name] of p.users) if (t.users.size < PRESENCE_NAMES_MAX) t.users.set(id, name);
      byTalk.set(talkId, t);
    }
  }
  const totals = new Map<string, TalkPresence>();
  for (const [talkId, t] of byTalk) {
    totals.set(talkId, { count: t.accounts.size + t.anonymous, users: [...t.users].map(([id, name]) => ({ id, name })) });
  }
  return totals;
}

export function createLocalPresenceStore(): PresenceStore {
  let last = new Map<string, NodeTalkPresence>();
  return {
    async publish(snapshot) {
      last = snapshot;
    },
    async readTotals() {
      return sumNodes([last]);
    },
    async close() {},
  };
}

export function createRedisPresenceStore(options: {
  redis: Redis;
  nodeId: string;
  ttlMs: number;
  prefix?: string;
  /** Another node stopped refreshing its entry (it died, or left without saying so); it last did at `lastSeenMs`. */
  onNodeGone?: (nodeId: string, lastSeenMs: number) => void;
}): PresenceStore {
  const { redis, nodeId, ttlMs } = options;
  // The nodes seen alive at the last read, and when each last refreshed its entry.
  let knownNodes = new Map<string, number>();
  // Versioned (v2 lists accounts, v1 held per-node counts; v3 is scoped to a deployment by the
  // caller): nodes of two versions during a rolling upgrade keep to their own keys instead of
  // misreading each other (each counts its own viewers until the roll is done).
  const prefix = options.prefix ?? "plenary:presence:v3";
  const nodesKey = `${prefix}:nodes`;
  const nodeKey = (id: string) => `${prefix}:node:${id}`;
  const leftKey = (id: string) => `${prefix}:left:${id}`;
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
      const withScores = await redis.zrangebyscore(nodesKey, now - ttlMs, "+inf", "WITHSCORES");
      const live = new Map<string, number>();
      for (let i = 0; i < withScores.length; i += 2) live.set(withScores[i]!, Number(withScores[i + 1]));
      const nodes = [...live.keys()];
      const gone = [...knownNodes].filter(([id]) => !live.has(id) && id !== nodeId);
      knownNodes = live;
      if (gone.length) {
        // A node that closed on purpose (drained, then left) says so: only the others died.
        const left = await redis.mget(...gone.map(([id]) => leftKey(id)));
        gone.forEach(([id, lastSeen], i) => left[i] === null && options.onNodeGone?.(id, lastSeen));
      }
      // Nodes that stopped refreshing are gone; their hashes expire by themselves.
      void redis.zremrangebyscore(nodesKey, "-inf", now - ttlMs).catch(() => {});
      const pipeline = redis.pipeline();
      for (const id of nodes) pipeline.hgetall(nodeKey(id));
      const results = nodes.length ? ((await pipeline.exec()) ?? []) : [];
      const snapshots: Map<string, NodeTalkPresence>[] = [];
      for (const [error, hash] of results) {
        if (error || !hash) continue;
        snapshots.push(new Map(Object.entries(hash as Record<string, string>).map(([talkId, json]) => [talkId, JSON.parse(json)])));
      }
      return sumNodes(snapshots);
    },
    async close() {
      knownNodes = new Map();
      await redis
        .multi()
        .del(nodeKey(nodeId))
        .zrem(nodesKey, nodeId)
        // Long enough for every other node to read it at least once before it expires.
        .set(leftKey(nodeId), "1", "PX", ttlMs * 4)
        .exec()
        .catch(() => {});
    },
  };
}
