import { randomUUID } from "node:crypto";
import type { Server } from "socket.io";
import { env } from "@/lib/config/env";
import { rooms } from "@/lib/realtime/events";
import { createLocalPresenceStore, createRedisPresenceStore, type PresenceStore } from "@/lib/presence/presence-store";
import type { FeatureModule } from "../modules";
import { RoomBatcher } from "./room-batcher";
import { PresenceTracker } from "./presence-tracker";
import { installRedisAdapter } from "./redis";
import { chatEvents } from "./chat-handlers";
import { qaEvents } from "./qa-handlers";
import { pollEvents } from "./poll-handlers";
import { presenceEvents } from "./presence-handlers";
import { tableListener } from "./event-table";
import type { ChatContext } from "./context";

export type ChatModuleOptions = {
  /** How often presence is recounted and pushed (ms). */
  presenceIntervalMs: number;
  /** How long a dead node's presence lingers in Redis (ms). */
  presenceTtlMs: number;
  /** Batching of a busy room's chat events: share of a core its fan-out may use, and the longest wait. */
  batchCpuShare: number;
  batchMaxWindowMs: number;
};

const defaults: ChatModuleOptions = { presenceIntervalMs: 2_000, presenceTtlMs: 8_000, batchCpuShare: 0.4, batchMaxWindowMs: 250 };

/** Tests and the benchmark tune the timings before starting a server; production keeps the defaults. */
export function configureChat(options: Partial<ChatModuleOptions>): void {
  Object.assign(defaults, options);
}

function makeThrottle() {
  const state = new Map<string, { last: number; timer: NodeJS.Timeout | null; fn: () => void }>();
  return (key: string, ms: number, fn: () => void) => {
    const now = Date.now();
    const s = state.get(key);
    if (!s || (now - s.last >= ms && !s.timer)) {
      state.set(key, { last: now, timer: null, fn });
      fn();
      return;
    }
    s.fn = fn;
    if (s.timer) return;
    s.timer = setTimeout(
      () => {
        s.timer = null;
        s.last = Date.now();
        s.fn();
      },
      Math.max(0, ms - (now - s.last)),
    );
  };
}

/** Chat, Q&A, polls, presence and announcements on the realtime server. */
export function chatModule(): FeatureModule {
  const options = { ...defaults };
  let ctx: ChatContext | null = null;
  let listener: ReturnType<typeof tableListener> | null = null;
  let closeRedis: (() => Promise<void>) | null = null;

  return {
    name: "chat",
    async setup({ io }: { io: Server }) {
      let store: PresenceStore = createLocalPresenceStore();
      if (env.REDIS_URL) {
        const redis = await installRedisAdapter(io, env.REDIS_URL);
        // The adapter still publishes while io.close() disconnects everyone (after our close()):
        // hang up on Redis once the HTTP server is really closed.
        closeRedis = () =>
          new Promise<void>((resolve) => {
            let closed = false;
            const done = () => {
              if (closed) return;
              closed = true;
              void redis.close();
            };
            if (io.httpServer) io.httpServer.once("close", done);
            setTimeout(done, 3000).unref();
            resolve();
          });
        store = createRedisPresenceStore({ redis: redis.data, nodeId: randomUUID(), ttlMs: options.presenceTtlMs });
      }
      const presence = new PresenceTracker(io, store, options.presenceIntervalMs);
      presence.start();
      ctx = {
        io,
        batcher: new RoomBatcher(io, { cpuShare: options.batchCpuShare, maxWindowMs: options.batchMaxWindowMs, burst: 3 }),
        presence,
        throttle: makeThrottle(),
      };
      listener = tableListener({ ...chatEvents, ...qaEvents, ...pollEvents, ...presenceEvents }, ctx);
    },
    onConnection({ socket }) {
      if (!listener) return;
      // Per-account pushes (sanctions, poll choices made in another tab).
      if (socket.data.user) void socket.join(rooms.user(socket.data.user.id));
      // Every chat, Q&A, poll and presence event, through one listener shared by all sockets.
      socket.onAny(listener);
    },
    async close() {
      ctx?.batcher.close();
      await ctx?.presence.close();
      await closeRedis?.();
    },
  };
}
