import { createHash, randomUUID } from "node:crypto";
import type { FeatureModule } from "../feature-module";
import { withContext } from "../socket/dispatch";
import { createLocalPresenceStore, createRedisPresenceStore } from "./presence-store";
import { RoomBatcher } from "./room-batcher";
import { resendLostBroadcasts } from "./resend-lost-broadcasts";
import { PresenceTracker } from "./presence-tracker";
import { chatEvents } from "./chat-events";
import { qaEvents } from "./qa-events";
import { pollEvents } from "./poll-events";
import { presenceEvents } from "./presence-events";
import type { AudienceContext } from "./context";
import { env, getDatabaseUrl } from "@/lib/config/env";

export type AudienceModuleOptions = {
  /** How often presence is recounted and pushed (ms). */
  presenceIntervalMs: number;
  /** How long a dead node's presence lingers in Redis (ms). */
  presenceTtlMs: number;
  /** Batching of a busy room's chat events: share of a core its fan-out may use, and the longest wait. */
  batchCpuShare: number;
  batchMaxWindowMs: number;
  /** Most chat frames a second a busy room's members get (see RoomBatcherOptions). */
  batchMaxFlushesPerSecond?: number;
};

const defaults: AudienceModuleOptions = { presenceIntervalMs: 2_000, presenceTtlMs: 8_000, batchCpuShare: 0.4, batchMaxWindowMs: 250 };

/** Tests and the benchmark tune the timings before starting a server; production keeps the defaults. */
export function configureAudience(options: Partial<AudienceModuleOptions>): void {
  Object.assign(defaults, options);
}

/**
 * Presence keys of this deployment: its nodes share one database. Deployments (or test runs) that
 * share a Redis would otherwise count each other's viewers and take each other's stopped nodes for
 * their own dead ones.
 */
function presencePrefix(): string {
  const db = new URL(getDatabaseUrl());
  const scope = createHash("sha256").update(`${db.hostname}:${db.port}${db.pathname}`).digest("hex").slice(0, 12);
  return `plenary:presence:v3:${scope}`;
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

/** The audience side of a talk: chat, Q&A, polls, presence and announcements. */
export function audienceModule(): FeatureModule {
  const options = { ...defaults };
  let ctx: AudienceContext | null = null;

  return {
    name: "audience",
    async setup({ io, cluster }) {
      const store = cluster.redis
        ? createRedisPresenceStore({
            redis: cluster.redis,
            prefix: presencePrefix(),
            nodeId: randomUUID(),
            ttlMs: options.presenceTtlMs,
            // A message a dead node stored and acknowledged may never have left it.
            onNodeGone: (_nodeId, lastSeenMs) => void resendLostBroadcasts(io, lastSeenMs),
          })
        : createLocalPresenceStore();
      const presence = new PresenceTracker(io, store, options.presenceIntervalMs);
      presence.start();
      const batcher = new RoomBatcher(io, {
        cpuShare: options.batchCpuShare,
        maxWindowMs: options.batchMaxWindowMs,
        maxFlushesPerSecond: options.batchMaxFlushesPerSecond ?? env.CHAT_MAX_FRAMES_PER_SECOND,
        burst: 3,
        relay: cluster.redis !== null,
      });
      if (cluster.redis) io.on("chat:relay", (room, event) => batcher.pushRelayed(room, event));
      ctx = { io, batcher, presence, throttle: makeThrottle() };
      return { events: withContext(ctx, chatEvents, qaEvents, pollEvents, presenceEvents) };
    },
    // Before this node's sockets are told to go: what is still gathering in a batch goes out now.
    drain() {
      ctx?.batcher.close();
    },
    async close() {
      ctx?.batcher.close();
      await ctx?.presence.close();
    },
  };
}
