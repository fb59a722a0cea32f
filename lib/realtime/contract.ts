import type { z } from "zod";
import type { ErrorBody } from "@/lib/errors/app-error";

// The building blocks of the realtime contract. Each concept declares its own events beside its
// schemas (lib/chat/events.ts, lib/media/events.ts...); lib/realtime/events.ts combines them.

/** What every client event is answered with. */
export type Ack<T extends object = Record<never, never>> = ({ ok: true } & T) | { ok: false; error: ErrorBody };

/**
 * One client -> server event: the zod schema the server parses its input with, and (as types
 * only, never present at run time) what a successful ack carries and what the browser sends when
 * that differs from what the server parses (binary: ArrayBuffer in, Buffer out).
 */
export type ClientEvent<S extends z.ZodType = z.ZodType, R extends object = object, W = z.input<S>> = {
  readonly input: S;
  readonly ack?: R;
  readonly sent?: W;
};

/** `clientEvent(SendMessageInput).acks<{ message: ChatMessageView }>()`. */
export function clientEvent<S extends z.ZodType>(input: S) {
  return {
    acks: <R extends object = Record<never, never>>(): ClientEvent<S, R> => ({ input }),
    sentAs: <W>() => ({ acks: <R extends object = Record<never, never>>(): ClientEvent<S, R, W> => ({ input }) }),
  };
}

export type ClientEventTable = Record<string, ClientEvent>;

/** What the server parses an event's input into. */
export type ParsedInput<C> = C extends ClientEvent<infer S, object, unknown> ? z.output<S> : never;
/** What the browser passes as an event's input. */
export type SentInput<C> = C extends ClientEvent<z.ZodType, object, infer W> ? W : never;
/** What a successful ack carries besides `ok: true`. */
export type AckPayload<C> = C extends ClientEvent<z.ZodType, infer R, unknown> ? R : never;
