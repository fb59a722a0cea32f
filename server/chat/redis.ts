import { Redis } from "ioredis";
import type { Server } from "socket.io";
import { createAdapter } from "@socket.io/redis-adapter";

/**
 * Several realtime nodes share rooms through the maintained socket.io Redis adapter (Redis
 * pub/sub). Connection state recovery is an in-memory feature and not available across nodes;
 * clients there resume from the last message id instead (chat:history afterId).
 */
export async function installRedisAdapter(io: Server, url: string) {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key: "plenary" }));
  return {
    // Presence commands share the publishing connection (the subscriber one cannot run them).
    data: pub,
    close: async () => {
      await Promise.all([pub.quit(), sub.quit()].map((p) => p.catch(() => {})));
    },
  };
}
