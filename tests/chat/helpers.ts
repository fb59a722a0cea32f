import { io as connect, type Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { createConference, createUser, uid } from "../support/fixtures";

export type Ack = { ok: boolean; error?: { code: string; message: string }; [key: string]: any };

/** Real socket.io clients against a real server; closed by `closeAll`. */
export function clientPool(urlOf: () => string) {
  const sockets: Socket[] = [];
  return {
    open(cookie?: string, options: { reconnection?: boolean; url?: string } = {}) {
      const s = connect(options.url ?? urlOf(), {
        transports: ["websocket"],
        extraHeaders: cookie ? { cookie } : {},
        reconnection: options.reconnection ?? false,
        reconnectionDelay: 100,
        reconnectionDelayMax: 200,
      });
      sockets.push(s);
      return new Promise<Socket>((resolve, reject) => {
        s.once("connect", () => resolve(s));
        s.once("connect_error", reject);
      });
    },
    closeAll() {
      for (const s of sockets) s.close();
    },
  };
}

export const emit = (s: Socket, event: string, payload?: unknown) => s.timeout(5000).emitWithAck(event, payload) as Promise<Ack>;

/** Collects every chat event a socket receives, flattened from batches. */
export function collectChat(s: Socket) {
  const events: any[] = [];
  s.on("chat:batch", (batch: any[]) => events.push(...batch));
  return {
    events,
    messages: () => events.filter((e) => e.type === "message").map((e) => e.message),
    async waitFor(predicate: (events: any[]) => boolean, timeoutMs = 5000) {
      const start = Date.now();
      while (!predicate(events)) {
        if (Date.now() - start > timeoutMs) throw new Error(`timed out; got ${JSON.stringify(events).slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

export const nextEvent = <T = any>(s: Socket, event: string, timeoutMs = 5000) =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    s.once(event, (payload: T) => {
      clearTimeout(t);
      resolve(payload);
    });
  });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A conference with the cast every chat test needs: an organizer, a speaker of the web talk,
 * attendees with tickets and one without.
 */
export async function chatCast() {
  const fx = await createConference();
  const conferenceId = fx.conference.id;
  const [organizer, speaker, alice, bob, carol, outsider] = await Promise.all([
    createUser({ conferenceId, role: "ORGANIZER", name: "Olga Organizer" }),
    createUser({ conferenceId, role: "SPEAKER", name: "Sam Speaker" }),
    createUser({ conferenceId, ticket: true, name: "Alice" }),
    createUser({ conferenceId, ticket: true, name: "Bob" }),
    createUser({ conferenceId, ticket: true, name: "Carol" }),
    createUser({ name: "Outsider" }),
  ]);
  const speakerProfile = await prisma.speaker.create({
    data: { conferenceId, userId: speaker.id, slug: `sam-${uid()}`, name: "Sam Speaker" },
  });
  await prisma.talkSpeaker.create({ data: { talkId: fx.talks.webTalk.id, speakerId: speakerProfile.id } });
  return { fx, conferenceId, organizer, speaker, alice, bob, carol, outsider };
}
