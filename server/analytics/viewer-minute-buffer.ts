import { recordViewerMinutes, type ViewerMinuteRow } from "@/lib/analytics/record-viewer-minutes";
import { minuteOf } from "@/lib/analytics/time-buckets";
import { logger } from "@/lib/logging/logger";

// While PostgreSQL is away the minutes wait here; past this many a node stops gathering more (a
// few MB) rather than growing without bound: analytics may lose minutes, never the node.
const MAX_PENDING = 200_000;

/**
 * This node's viewer-minutes since the last flush, one entry per (talk, minute, mode, viewer):
 * a viewer's heartbeats in one minute are one entry, so thousands of viewers cost one INSERT
 * per interval (recordViewerMinutes), not one per heartbeat.
 */
export class ViewerMinuteBuffer {
  private pending = new Map<string, ViewerMinuteRow>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: { flushIntervalMs: number }) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  add(row: Omit<ViewerMinuteRow, "minute"> & { at: number }): void {
    const minute = minuteOf(row.at);
    const key = `${row.talkId}\u0000${minute.getTime()}\u0000${row.mode}\u0000${row.viewerKey}`;
    if (this.pending.has(key) || this.pending.size >= MAX_PENDING) return;
    this.pending.set(key, { talkId: row.talkId, minute, mode: row.mode, viewerKey: row.viewerKey });
  }

  /** Writes what was gathered; on failure it is kept for the next flush. One flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flushing;
    await this.flush();
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await recordViewerMinutes({ rows: [...batch.values()] });
    } catch (error) {
      logger.warn({ err: error, rows: batch.size }, "viewer minutes not stored yet; retrying at the next flush");
      for (const [key, row] of batch) if (this.pending.size < MAX_PENDING) this.pending.set(key, row);
    }
  }
}
