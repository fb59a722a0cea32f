import { io as connect, type Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { createConference, createUser, uid } from "../support/fixtures";
import { KEEP_MESSAGES, applyCatchUp, catchUpMessages, mergeMessages, type MessagePage } from "@/lib/chat/chat-timeline";
import type { ChatBatchEvent, ChatMessageView } from "@/lib/chat/schemas";

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

/**
 * A chat panel the way the talk page keeps one (app/_components/chat/use-chat-room.ts): messages
 * by id from live batches; on a connect that socket.io did not recover, join again and catch up
 * after the last message it had, with the same functions the hook uses (lib/chat/chat-timeline.ts).
 */
export function followRoom(s: Socket, room: { talkId: string } | { conferenceId: string }, options: { keep?: number } = {}) {
  const keep = options.keep ?? KEEP_MESSAGES;
  let messages: ChatMessageView[] = [];
  let hasMore = false;
  let roomKey: string | null = null;
  const state = { joins: 0, catchUps: 0, recovered: 0, errors: [] as string[] };
  s.on("chat:batch", (batch: ChatBatchEvent[]) => {
    const added = batch.flatMap((e) => (e.type === "message" && e.message.roomKey === roomKey ? [e.message] : []));
    messages = mergeMessages(messages, added, keep);
  });
  const join = async () => {
    state.joins++;
    // Read before joining: live messages may arrive before the join's answer (see use-chat-room).
    const lastId = messages.at(-1)?.id;
    const ack = await emit(s, "chat:join", { room });
    if (!ack.ok) throw new Error(ack.error!.message);
    roomKey = ack.room.key;
    if (!lastId) {
      messages = ack.messages;
      hasMore = ack.hasMore;
      return;
    }
    state.catchUps++;
    const caughtUp = await catchUpMessages({
      afterId: lastId,
      keep,
      fetchPage: async (cursor) => {
        const page = await emit(s, "chat:history", { room, ...cursor });
        if (!page.ok) throw new Error(page.error!.message);
        return page as unknown as MessagePage;
      },
    });
    messages = applyCatchUp(messages, caughtUp, keep);
    if (caughtUp.dropBefore) hasMore = true;
  };
  s.on("connect", () => {
    if (s.recovered) state.recovered++;
    else join().catch((error: Error) => state.errors.push(error.message));
  });
  return {
    join,
    state,
    ids: () => messages.map((m) => m.id),
    messages: () => messages,
    hasMore: () => hasMore,
  };
}

/** Message ids in the order the room holds them (ids are bigint, as decimal strings). */
export const byMessageId = (ids: string[]) => [...ids].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0));
