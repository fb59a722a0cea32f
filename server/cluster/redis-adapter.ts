import { Redis } from "ioredis";
import { createAdapter } from "@socket.io/redis-adapter";
import type { PlenaryServer } from "../socket/types";

export type Cluster = {
  /** A Redis connection for features that share state across nodes (presence); null on one node. */
  redis: Redis | null;
  /** "off" on one node; otherwise whether both Redis connections are up (health checks). */
  state: () => "ok" | "down" | "off";
  close: () => Promise<void>;
};

/**
 * Several realtime nodes share rooms through the maintained socket.io Redis adapter (Redis
 * pub/sub). Connection state recovery is an in-memory feature and not available across nodes;
 * clients there resume from the last message id instead (chat:history afterId).
 */
export async function joinCluster(io: PlenaryServer, redisUrl: string | undefined): Promise<Cluster> {
  if (!redisUrl) return { redis: null, state: () => "off", close: async () => {} };
  const pub = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: "plenary" }));
  return {
    // Presence commands share the publishing connection (the subscriber one cannot run them).
    redis: pub,
    state: () => (pub.status === "ready" && sub.status === "ready" ? "ok" : "down"),
    close: async () => {
      await Promise.all([pub.quit(), sub.quit()].map((p) => p.catch(() => {})));
    },
  };
}
