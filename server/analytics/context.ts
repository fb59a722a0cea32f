import type { RateLimiter } from "@/lib/chat/rate-limiter";
import type { ViewerMinuteBuffer } from "./viewer-minute-buffer";

/** What the analytics handlers of one node share. */
export type AnalyticsContext = {
  buffer: ViewerMinuteBuffer;
  limiter: RateLimiter;
  /** Per socket, per talk: until when its right to watch is trusted, and whether the talk had ended. */
  access: Map<string, Map<string, { until: number; ended: boolean }>>;
  now: () => number;
};
