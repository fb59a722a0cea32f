import type { ErrorBody } from "@/lib/errors/app-error";

// The one event map shared by the realtime server (server/) and browser clients.
// Types are not validation: every inbound payload is still parsed with a zod schema.

export type Ack<T = Record<string, never>> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckFn<T = Record<string, never>> = (response: Ack<T>) => void;

export type TalkStatusEvent = {
  talkId: string;
  conferenceId: string;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  at: string; // ISO instant
};

export type ScheduleChangedEvent = { conferenceId: string; talkId?: string; at: string };

export interface ServerToClientEvents {
  "talk:status": (event: TalkStatusEvent) => void;
  "schedule:changed": (event: ScheduleChangedEvent) => void;
  // Feature modules (chat, media) extend this map in their own files via declaration merging.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every typed handler above must fit the index signature; unknown[] would reject them
  [event: string]: (...args: any[]) => void;
}

export interface ClientToServerEvents {
  "talk:join": (input: unknown, ack: AckFn<{ talk: { id: string; status: string } }>) => void;
  "talk:leave": (input: unknown, ack: AckFn) => void;
  "conference:join": (input: unknown, ack: AckFn) => void;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above; inbound payloads are parsed with zod, not trusted by type
  [event: string]: (...args: any[]) => void;
}

/** Socket.io room names, in one place. */
export const rooms = {
  talk: (talkId: string) => `talk:${talkId}`,
  conference: (conferenceId: string) => `conference:${conferenceId}`,
  user: (userId: string) => `user:${userId}`,
};
