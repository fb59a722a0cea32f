import pg from "pg";
import { DomainEvent, NOTIFY_CHANNEL } from "@/lib/realtime/notify";
import { rooms } from "@/lib/realtime/events";
import type { PlenaryServer } from "../socket/types";

/**
 * Relays domain events published with pg_notify (by the web app or any node) to the sockets in
 * the matching rooms. Each realtime node listens on its own connection and delivers to its OWN
 * sockets only (`io.local`): through the Redis adapter every node would otherwise deliver every
 * event once per node.
 */
export async function relayDomainEvents(options: {
  io: PlenaryServer;
  databaseUrl: string;
  onEvent?: (event: DomainEvent) => void;
}): Promise<{ close: () => Promise<void> }> {
  let client: pg.Client | null = null;
  let closed = false;

  const connect = async () => {
    const c = new pg.Client({ connectionString: options.databaseUrl });
    c.on("notification", (message) => {
      if (message.channel !== NOTIFY_CHANNEL || !message.payload) return;
      const parsed = DomainEvent.safeParse(JSON.parse(message.payload));
      if (!parsed.success) return;
      const event = parsed.data;
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
      }
    });
    c.on("error", (error) => {
      console.error("domain event listener lost its connection", error.message);
      c.end().catch(() => {});
      if (!closed) setTimeout(() => void connect().catch(() => {}), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${NOTIFY_CHANNEL}`);
    client = c;
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      await client?.end().catch(() => {});
    },
  };
}
