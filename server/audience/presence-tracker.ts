import type { TalkPresenceView } from "@/lib/presence/events";
import { rooms } from "@/lib/realtime/events";
import type { PlenaryServer } from "../socket/types";
import { PRESENCE_NAMES_MAX, type NodeTalkPresence, type PresenceStore, type TalkPresence } from "./presence-store";
import { logger } from "@/lib/logging/logger";

export const presenceRoom = (talkId: string) => `presence:${talkId}`;

/**
 * "N watching" from room membership: every tick this node lists who is in its own talk rooms
 * (accounts + anonymous viewers), publishes that to the store, reads the people over all nodes and pushes changed totals to its own sockets (io.local: each node tells its own
 * clients, so nothing is sent twice across nodes).
 */
export class PresenceTracker {
  private totals = new Map<string, TalkPresence>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private closed = false;

  constructor(
    private readonly io: PlenaryServer,
    private readonly store: PresenceStore,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  /** The count, and who is here unless `anonymous` (a viewer without an account sees only the count). */
  current(talkId: string, options: { anonymous?: boolean } = {}): TalkPresenceView {
    const t = this.totals.get(talkId);
    return { talkId, count: t?.count ?? 0, users: options.anonymous ? [] : (t?.users ?? []) };
  }

  private localSnapshot(): Map<string, NodeTalkPresence> {
    const snapshot = new Map<string, NodeTalkPresence>();
    const nsp = this.io.of("/");
    for (const [room, socketIds] of nsp.adapter.rooms) {
      // Talk rooms only: not a talk's moderators' room (`talk:<id>:mod`), which is no talk of its own.
      if (!room.startsWith("talk:") || room.includes(":", "talk:".length)) continue;
      const users = new Map<string, string>();
      let anonymous = 0;
      for (const id of socketIds) {
        const user = nsp.sockets.get(id)?.data.user;
        if (user) users.set(user.id, user.name);
        else anonymous++;
      }
      const talkId = room.slice("talk:".length);
      snapshot.set(talkId, { accountIds: [...users.keys()], users: [...users].slice(0, PRESENCE_NAMES_MAX), anonymous });
    }
    return snapshot;
  }

  async tick(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    try {
      await this.store.publish(this.localSnapshot());
      const next = await this.store.readTotals();
      const changed = new Set<string>();
      for (const [talkId, t] of next) {
        const before = this.totals.get(talkId);
        if (!before || before.count !== t.count || before.users.map((u) => u.id).join() !== t.users.map((u) => u.id).join()) changed.add(talkId);
      }
      for (const talkId of this.totals.keys()) if (!next.has(talkId)) changed.add(talkId);
      this.totals = next;
      for (const talkId of changed) {
        const payload = this.current(talkId);
        // Names and ids of who is here are for signed-in watchers; anonymous ones get the count.
        this.io.local.to(rooms.talk(talkId)).except(rooms.talkAnonymous(talkId)).emit("presence:update", payload);
        this.io.local.to(rooms.talkAnonymous(talkId)).emit("presence:update", { ...payload, users: [] });
        this.io.local.to(presenceRoom(talkId)).except(`talk:${talkId}`).emit("presence:count", { talkId, count: payload.count });
      }
    } catch (error) {
      logger.error({ detail: (error as Error).message }, "presence tick failed");
    } finally {
      this.running = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    // Let a tick in flight finish before the store goes away.
    while (this.running) await new Promise((r) => setTimeout(r, 10));
    await this.store.close();
  }
}
