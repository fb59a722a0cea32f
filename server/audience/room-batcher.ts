import { performance } from "node:perf_hooks";
import type { ChatBatchEvent } from "@/lib/chat/schemas";
import type { PlenaryServer } from "../socket/types";
import { realtimeMetrics } from "@/lib/metrics/realtime-metrics";

type RoomState = {
  tokens: number;
  at: number;
  pending: ChatBatchEvent[] | null;
  /** When each pending event was accepted (performance.now()), for the delivery-time metric. */
  pendingSince: number[];
  timer: NodeJS.Timeout | null;
  /** Moving average of what one flush to this room costs this process, in ms. */
  costMs: number;
};

export type RoomBatcherOptions = {
  /** Share of one core a single room's fan-out may take (0.3 = 30 %). */
  cpuShare: number;
  /** Longest an event may wait for its batch. */
  maxWindowMs: number;
  /** Flushes a quiet room may send back to back before batching starts. */
  burst: number;
  /**
   * Most flushes per second a busy room gets however cheap its fan-out is here. Every flush is a
   * frame each member's browser parses and renders (and each proxy in between copies): past ~10 a
   * second nobody reads faster, and a node with few members of a huge room (one of many behind a
   * balancer) would otherwise send more frames than one node holding everyone.
   */
  maxFlushesPerSecond?: number;
  /**
   * Several nodes (Redis adapter): each event is relayed to the other nodes as it is accepted, and
   * every node batches for its own members only. A member then gets one node's frames, not the
   * batches of every node that holds senders (two nodes doubled each browser's frames), and an
   * accepted event has left its node before it waits for a batch (a node killed meanwhile loses nothing).
   */
  relay?: boolean;
};

/**
 * Sends a room's chat events at once while the room is quiet and in batches when it is busy.
 *
 * socket.io encodes a broadcast once but still writes one websocket frame per socket per packet;
 * in a 2,000-person room those writes (one writev syscall each) are what saturates a core. Each
 * room therefore gets a budget: flushes are tokens, refilled so that the room's fan-out uses at
 * most `cpuShare` of a core, measured — every flush is timed, so the budget follows the real cost
 * of this room on this machine (more people or a slower box: fewer, larger batches). While
 * tokens last an event goes out immediately; when they run out, events gather and leave as ONE
 * packet with the next token (never later than `maxWindowMs`). Order is kept: every chat event
 * of a room goes through the same queue.
 */
export class RoomBatcher {
  private readonly rooms = new Map<string, RoomState>();
  private sweepAt = Date.now();

  constructor(
    private readonly io: PlenaryServer,
    private readonly options: RoomBatcherOptions = { cpuShare: 0.4, maxWindowMs: 250, burst: 3 },
  ) {}

  /** Flushes per ms this room may use. */
  private rateOf(state: RoomState): number {
    const byCost = this.options.cpuShare / Math.max(state.costMs, 0.001);
    const ceiling = (this.options.maxFlushesPerSecond ?? Infinity) / 1000;
    return Math.max(Math.min(byCost, ceiling), 1 / this.options.maxWindowMs);
  }

  private refill(state: RoomState, now: number) {
    state.tokens = Math.min(this.options.burst, state.tokens + (now - state.at) * this.rateOf(state));
    state.at = now;
  }

  /** An event this node accepted. `acceptedAt`: when its request arrived (performance.now()); default now. */
  push(room: string, event: ChatBatchEvent, acceptedAt: number = performance.now()): void {
    if (this.options.relay) this.io.serverSideEmit("chat:relay", room, event);
    this.enqueue(room, event, acceptedAt);
  }

  /** An event another node accepted (and relayed): batched for this node's own members. */
  pushRelayed(room: string, event: ChatBatchEvent): void {
    this.enqueue(room, event, performance.now());
  }

  private enqueue(room: string, event: ChatBatchEvent, acceptedAt: number): void {
    const now = Date.now();
    let state = this.rooms.get(room);
    if (!state) {
      // First guess: ~10 µs per member; the first flush measures the truth.
      const size = this.io.of("/").adapter.rooms.get(room)?.size ?? 1;
      state = { tokens: this.options.burst, at: now, pending: null, pendingSince: [], timer: null, costMs: size * 0.01 };
      this.rooms.set(room, state);
    }
    if (state.pending) {
      state.pending.push(event);
      state.pendingSince.push(acceptedAt);
      return;
    }
    this.refill(state, now);
    if (state.tokens >= 1) {
      state.tokens -= 1;
      this.emit(room, state, [event], [acceptedAt]);
      return;
    }
    state.pending = [event];
    state.pendingSince = [acceptedAt];
    const waitMs = Math.min(this.options.maxWindowMs, Math.ceil((1 - state.tokens) / this.rateOf(state)));
    state.timer = setTimeout(() => this.flush(room), waitMs);
  }

  private flush(room: string): void {
    const state = this.rooms.get(room);
    if (!state?.pending) return;
    if (state.timer) clearTimeout(state.timer);
    const events = state.pending;
    const since = state.pendingSince;
    state.pending = null;
    state.pendingSince = [];
    state.timer = null;
    this.refill(state, Date.now());
    state.tokens = Math.max(0, state.tokens - 1);
    this.emit(room, state, events, since);
  }

  close(): void {
    for (const room of [...this.rooms.keys()]) this.flush(room);
  }

  private emit(room: string, state: RoomState, events: ChatBatchEvent[], acceptedAt: number[]) {
    const started = performance.now();
    // This node's members only: the other nodes batch the same events for theirs (see `relay`).
    this.io.local.to(room).emit("chat:batch", events);
    const flushed = performance.now();
    realtimeMetrics.broadcastFlush.observe((flushed - started) / 1000);
    realtimeMetrics.broadcastBatch.observe(events.length);
    for (const at of acceptedAt) realtimeMetrics.chatDelivery.observe((flushed - at) / 1000);
    // One slow flush (a GC, the process descheduled) must not throttle the room for seconds:
    // each sample moves the estimate at most by half or double.
    const cost = Math.min(Math.max(performance.now() - started, state.costMs / 2), state.costMs * 2);
    state.costMs = state.costMs * 0.8 + cost * 0.2;
    const now = Date.now();
    if (now - this.sweepAt > 60_000) {
      this.sweepAt = now;
      // Idle rooms have full buckets: nothing worth keeping.
      for (const [r, s] of this.rooms) if (!s.pending && now - s.at > 60_000) this.rooms.delete(r);
    }
  }
}
