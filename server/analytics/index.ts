import { RateLimiter } from "@/lib/chat/rate-limiter";
import type { FeatureModule } from "../feature-module";
import { withContext } from "../socket/dispatch";
import type { AnalyticsContext } from "./context";
import { heartbeatEvents } from "./heartbeat-events";
import { ViewerMinuteBuffer } from "./viewer-minute-buffer";

export type AnalyticsModuleOptions = {
  /** How often this node writes its viewer-minutes (ms): one INSERT each time. */
  flushIntervalMs: number;
  /** The clock heartbeats are bucketed by (tests move it from minute to minute). */
  now: () => number;
};

const defaults: AnalyticsModuleOptions = { flushIntervalMs: 20_000, now: () => Date.now() };

/** Tests tune the timings before starting a server; production keeps the defaults. */
export function configureAnalytics(options: Partial<AnalyticsModuleOptions>): void {
  Object.assign(defaults, options);
}

/** Organizer analytics: the player's heartbeats become viewer-minutes in PostgreSQL. */
export function analyticsModule(): FeatureModule {
  const options = { ...defaults };
  const buffer = new ViewerMinuteBuffer({ flushIntervalMs: options.flushIntervalMs });
  const ctx: AnalyticsContext = { buffer, limiter: new RateLimiter(), access: new Map(), now: options.now };
  return {
    name: "analytics",
    async setup() {
      buffer.start();
      return { events: withContext(ctx, heartbeatEvents) };
    },
    onDisconnect(socket) {
      ctx.access.delete(socket.id);
    },
    // What this node gathered is written before it goes; the key keeps a retried minute single.
    drain: () => buffer.flush(),
    close: () => buffer.close(),
  };
}
