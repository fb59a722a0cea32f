"use client";
import type { Ack, ClientEventAck, ClientEventInput, ClientEventName } from "@/lib/realtime/events";
import type { RealtimeSocket } from "./use-realtime";

/** The answer when the server did not answer in time (or the socket is gone). */
export type NoAnswer = { ok: false; error: { code: "UNAVAILABLE"; message: string }; noAnswer: true };

// What socket.io's own typings say for any one event name; they cannot follow a generic name E
// through their conditional types, so request() states it once here.
type AckingSocket<E extends ClientEventName> = {
  emitWithAck(event: E, input: ClientEventInput<E>): Promise<Ack<ClientEventAck<E>>>;
};

/**
 * Sends one client event and waits for its ack: the event name, its input and the ack's type all
 * come from the contract (lib/realtime/events.ts). Never throws: a timeout is an error ack too.
 */
export async function request<E extends ClientEventName>(
  socket: RealtimeSocket,
  event: E,
  input: ClientEventInput<E>,
  options: { timeoutMs?: number; noAnswer?: string } = {},
): Promise<Ack<ClientEventAck<E>> | NoAnswer> {
  try {
    const timed = socket.timeout(options.timeoutMs ?? 10_000) as unknown as AckingSocket<E>;
    return await timed.emitWithAck(event, input);
  } catch {
    return { ok: false, error: { code: "UNAVAILABLE", message: options.noAnswer ?? "The chat server did not answer. Try again." }, noAnswer: true };
  }
}
