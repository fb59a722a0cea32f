import { talkClientEvents } from "@/lib/talks/events";
import { chatClientEvents, type ChatServerEvents } from "@/lib/chat/events";
import { qaClientEvents, type QaServerEvents } from "@/lib/qa/events";
import { pollClientEvents, type PollServerEvents } from "@/lib/polls/events";
import { presenceClientEvents, type PresenceServerEvents } from "@/lib/presence/events";
import { mediaClientEvents, type MediaServerEvents } from "@/lib/media/events";
import { reminderClientEvents, type ReminderServerEvents } from "@/lib/reminders/events";
import { analyticsClientEvents } from "@/lib/analytics/events";
import type { ChapterServerEvents } from "@/lib/chapters/events";
import type { DomainEvent } from "./notify";
import type { Ack, AckPayload, ParsedInput, SentInput } from "./contract";

// The one event map of the realtime side, shared by the server (server/) and the browser. Each
// concept declares its events beside its schemas; this file only combines them. There is no
// catch-all entry: an event name or payload that is not declared here does not compile.
// Types are not validation: the server still parses every inbound payload with its schema.

export type { Ack } from "./contract";

/** Every client -> server event: name -> input schema (and, as types, the ack and what is sent). */
export const clientEvents = {
  ...talkClientEvents,
  ...chatClientEvents,
  ...qaClientEvents,
  ...pollClientEvents,
  ...presenceClientEvents,
  ...mediaClientEvents,
  ...reminderClientEvents,
  ...analyticsClientEvents,
};
type ClientEvents = typeof clientEvents;

export type ClientEventName = keyof ClientEvents;
/** What the browser passes as `event`'s input. */
export type ClientEventInput<E extends ClientEventName> = SentInput<ClientEvents[E]>;
/** What the server parses `event`'s input into. */
export type ClientEventParsed<E extends ClientEventName> = ParsedInput<ClientEvents[E]>;
/** What a successful ack to `event` carries besides `ok: true`. */
export type ClientEventAck<E extends ClientEventName> = AckPayload<ClientEvents[E]>;

export type ClientToServerEvents = {
  [E in ClientEventName]: (input: ClientEventInput<E>, ack: (response: Ack<ClientEventAck<E>>) => void) => void;
};

/** Domain events (pg_notify) reach the browser under their own type, without the `type` field. */
type DomainEventsToClient = { [D in BrowserDomainEvent as D["type"]]: (event: Omit<D, "type">) => void };
// Session and access changes are for the realtime nodes (they drop sockets), never sent on; a
// chapters change reaches the browser as the list itself (`talk:chapters`).
type BrowserDomainEvent = Exclude<DomainEvent, { type: "session:ended" | "access:changed" | "chapters:changed" }>;
export type TalkStatusEvent = Omit<Extract<DomainEvent, { type: "talk:status" }>, "type">;
export type ScheduleChangedEvent = Omit<Extract<DomainEvent, { type: "schedule:changed" }>, "type">;

export type ServerToClientEvents = DomainEventsToClient &
  ChatServerEvents &
  QaServerEvents &
  PollServerEvents &
  PresenceServerEvents &
  MediaServerEvents &
  ReminderServerEvents &
  ChapterServerEvents;

// Two concepts declaring the same event name would silently shadow one another in the spread
// above; this fails to compile instead.
type Overlap<A, B> = Extract<keyof A, keyof B>;
type NoOverlap<T extends never> = T;
export type _ClientEventNamesAreUnique = NoOverlap<
  | Overlap<
      typeof talkClientEvents,
      typeof chatClientEvents & typeof qaClientEvents & typeof pollClientEvents & typeof presenceClientEvents & typeof mediaClientEvents
    >
  | Overlap<typeof chatClientEvents, typeof qaClientEvents & typeof pollClientEvents & typeof presenceClientEvents & typeof mediaClientEvents>
  | Overlap<typeof qaClientEvents, typeof pollClientEvents & typeof presenceClientEvents & typeof mediaClientEvents>
  | Overlap<typeof pollClientEvents, typeof presenceClientEvents & typeof mediaClientEvents>
  | Overlap<typeof presenceClientEvents, typeof mediaClientEvents>
  | Overlap<typeof reminderClientEvents, typeof talkClientEvents & typeof chatClientEvents & typeof qaClientEvents & typeof pollClientEvents>
  | Overlap<typeof reminderClientEvents, typeof presenceClientEvents & typeof mediaClientEvents>
  | Overlap<typeof analyticsClientEvents, typeof talkClientEvents & typeof chatClientEvents & typeof qaClientEvents & typeof pollClientEvents>
  | Overlap<typeof analyticsClientEvents, typeof presenceClientEvents & typeof mediaClientEvents>
  | Overlap<typeof analyticsClientEvents, typeof reminderClientEvents>
>;

/** Socket.io room names, in one place. */
export const rooms = {
  talk: (talkId: string) => `talk:${talkId}`,
  // The anonymous viewers in a talk's room: they get the watcher count, not who is watching.
  talkAnonymous: (talkId: string) => `talk:${talkId}:anonymous`,
  conference: (conferenceId: string) => `conference:${conferenceId}`,
  user: (userId: string) => `user:${userId}`,
};
