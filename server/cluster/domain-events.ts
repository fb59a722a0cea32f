import pg from "pg";
import { DomainEvent, NOTIFY_CHANNEL } from "@/lib/realtime/notify";
import { rooms } from "@/lib/realtime/events";
import { prisma } from "@/lib/db/client";
import type { PlenaryServer } from "../socket/types";
import { logger } from "@/lib/logging/logger";
import { createChapterPushes } from "./chapter-pushes";

export type DomainEventRelay = {
  /** True while the LISTEN connection is up (health checks). */
  listening: () => boolean;
  close: () => Promise<void>;
};

/** Reconnect delays: exponential from 250 ms, capped at 10 s, with jitter so nodes do not reconnect in step. */
export function reconnectDelayMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(10_000, 250 * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Relays domain events published with pg_notify (by the web app or any node) to the sockets in
 * the matching rooms. Each realtime node listens on its own connection and delivers to its OWN
 * sockets only (`io.local`): through the Redis adapter every node would otherwise deliver every
 * event once per node.
 *
 * The connection is kept forever: when PostgreSQL goes away it reconnects with back-off and
 * LISTENs again. NOTIFY is not queued for absent listeners, so after a reconnect the node tells
 * its own rooms that things may have changed (current talk statuses, "schedule:changed",
 * "recording:changed", the chapter lists): pages refetch, which is what they do for the events themselves.
 */
export async function relayDomainEvents(options: {
  io: PlenaryServer;
  databaseUrl: string;
  onEvent?: (event: DomainEvent) => void;
  /** After a lost connection is back and listening again (tests). */
  onReconnected?: () => void;
}): Promise<DomainEventRelay> {
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const chapterPushes = createChapterPushes({ io: options.io });

  const deliver = (event: DomainEvent) => {
    options.onEvent?.(event);
    if (event.type === "talk:status") {
      const { type: _type, ...payload } = event;
      options.io.local.to(rooms.talk(event.talkId)).to(rooms.conference(event.conferenceId)).emit("talk:status", payload);
    } else if (event.type === "schedule:changed") {
      const { type: _type, ...payload } = event;
      options.io.local.to(rooms.conference(event.conferenceId)).emit("schedule:changed", payload);
    } else if (event.type === "recording:changed") {
      const { type: _type, ...payload } = event;
      options.io.local.to(rooms.talk(event.talkId)).emit("recording:changed", payload);
    } else if (event.type === "chapters:changed") {
      chapterPushes.changed(event.talkId);
    }
  };

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
    // Anyone with database access can NOTIFY this channel: a bad payload is logged, never thrown.
    let json: unknown;
    try {
      json = JSON.parse(message.payload);
    } catch {
      logger.warn({ detail: message.payload.slice(0, 200) }, "domain event ignored: payload is not JSON");
      return;
    }
    const parsed = DomainEvent.safeParse(json);
    if (!parsed.success) {
      logger.warn({ detail: message.payload.slice(0, 200) }, "domain event ignored: payload does not match the schema");
      return;
    }
    try {
      deliver(parsed.data);
    } catch (error) {
      logger.error({ err: error }, "domain event could not be relayed");
    }
  };

  const lost = (c: pg.Client, reason: string) => {
    if (client !== c) return; // already handled (error and end both fire)
    client = null;
    listening = false;
    c.end().catch(() => {});
    if (closed) return;
    logger.error(`domain event listener lost its connection (${reason}); reconnecting`);
    scheduleConnect();
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, connectionTimeoutMillis: 10_000 });
    // Until it listens, a failure is this attempt's rejection (the caller retries).
    const failedEarly = () => {};
    c.on("error", failedEarly);
    try {
      await c.connect();
      await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
    } catch (error) {
      c.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await c.end().catch(() => {});
      return;
    }
    c.off("error", failedEarly);
    c.on("notification", onNotification);
    c.on("error", (error) => lost(c, error.message));
    c.on("end", () => lost(c, "connection ended"));
    client = c;
    listening = true;
  };

  const scheduleConnect = () => {
    if (closed || retryTimer) return;
    const delay = reconnectDelayMs(attempt++);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        () => {
          if (closed || !listening) return;
          logger.info(`domain event listener reconnected after ${attempt} attempt(s)`);
          attempt = 0;
          void resync().finally(() => options.onReconnected?.());
        },
        (error: unknown) => {
          if (closed) return;
          if (attempt === 1 || attempt % 10 === 0)
            logger.error({ detail: error instanceof Error ? error.message : error }, "domain event listener cannot reconnect yet");
          scheduleConnect();
        },
      );
    }, delay);
  };

  /** Events published while this node was not listening are gone: tell its rooms to look again. */
  const resync = async () => {
    const localRooms = [...options.io.of("/").adapter.rooms.keys()];
    const talkIds = localRooms.filter((r) => r.startsWith("talk:")).map((r) => r.slice("talk:".length));
    const conferenceIds = localRooms.filter((r) => r.startsWith("conference:")).map((r) => r.slice("conference:".length));
    const at = new Date().toISOString();
    try {
      const talks = talkIds.length
        ? await prisma.talk.findMany({ where: { id: { in: talkIds } }, select: { id: true, conferenceId: true, status: true } })
        : [];
      for (const talk of talks) {
        deliver({ type: "talk:status", talkId: talk.id, conferenceId: talk.conferenceId, status: talk.status, at });
        deliver({ type: "recording:changed", talkId: talk.id, conferenceId: talk.conferenceId, at });
        deliver({ type: "chapters:changed", talkId: talk.id, conferenceId: talk.conferenceId });
      }
      for (const conferenceId of conferenceIds) deliver({ type: "schedule:changed", conferenceId, at });
    } catch (error) {
      logger.error({ detail: error instanceof Error ? error.message : error }, "domain event listener could not re-sync its rooms");
    }
  };

  await connect();
  return {
    listening: () => listening,
    close: async () => {
      closed = true;
      listening = false;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
