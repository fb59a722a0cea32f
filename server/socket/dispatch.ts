import { AppError, toErrorAck } from "@/lib/errors/app-error";
import { clientEvents, type ClientEventAck, type ClientEventName, type ClientEventParsed } from "@/lib/realtime/events";
import type { PlenarySocket } from "./types";
import { realtimeMetrics } from "@/lib/metrics/realtime-metrics";
import { logger } from "@/lib/logging/logger";

/** An event with an empty ack may return nothing; any other must return what its ack carries. */
type HandlerResult<R> = Record<never, never> extends R ? R | void : R;

/** Runs one client event: `ctx` is what the handlers of a feature share (io, timers, stores). */
export type EventHandler<E extends ClientEventName, Ctx = undefined> = (
  input: ClientEventParsed<E>,
  socket: PlenarySocket,
  ctx: Ctx,
) => Promise<HandlerResult<ClientEventAck<E>>>;

/** A feature's handlers for the events `E` of the contract (lib/realtime/events.ts): check with `satisfies`. */
export type EventHandlers<E extends ClientEventName, Ctx = undefined> = { [K in E]: EventHandler<K, Ctx> };

/** Handlers bound to their context, ready for the dispatcher. */
export type SocketEvents = { [E in ClientEventName]?: EventHandler<E> };

type AnyHandler = (input: unknown, socket: PlenarySocket) => Promise<object | void>;

/** Binds a feature's handler tables to what they share. */
export function withContext<Ctx>(ctx: Ctx, ...tables: Partial<{ [E in ClientEventName]: EventHandler<E, Ctx> }>[]): SocketEvents {
  const bound: Record<string, AnyHandler> = {};
  for (const table of tables) {
    for (const [event, run] of Object.entries(table) as [string, (input: unknown, socket: PlenarySocket, ctx: Ctx) => Promise<object | void>][]) {
      bound[event] = (input, socket) => run(input, socket, ctx);
    }
  }
  return bound as SocketEvents;
}

/**
 * The one way Plenary handles client events: ONE listener shared by every socket (socket.io calls
 * onAny listeners with the socket as `this`), so a connection costs no closure per event. It
 * parses the payload with the event's schema from the contract, runs the handler and answers
 * `{ ok: true, ...result }` or `{ ok: false, error }`. Events sent without an ack callback are
 * still handled; an ack-only call (`emit(event, ack)`) parses as an empty input; errors never
 * escape. Unknown events are ignored.
 */
export function createDispatcher(
  features: SocketEvents[],
  options: {
    /** Runs before every handler; throwing refuses the event (e.g. the socket's session ended). */ beforeEvent?: (
      socket: PlenarySocket,
    ) => Promise<void>;
  } = {},
) {
  const handlers = new Map<string, Handler>();
  const beforeEvent = options.beforeEvent ?? null;
  for (const events of features) {
    for (const [event, run] of Object.entries(events) as [ClientEventName, AnyHandler][]) {
      if (handlers.has(event)) throw new Error(`Two features handle the socket event ${event}`);
      const schema = clientEvents[event].input;
      handlers.set(event, { event, parse: (input) => schema.parse(input), run });
    }
  }
  for (const event of Object.keys(clientEvents)) {
    if (!handlers.has(event)) throw new Error(`No feature handles the socket event ${event}`);
  }

  // Events being handled now, and whether this node is being replaced (see `drain`).
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | null = null;

  function dispatch(this: PlenarySocket, event: string, ...args: unknown[]): void {
    const handler = handlers.get(event);
    if (!handler) return;
    const last = args[args.length - 1];
    const ack = typeof last === "function" ? (last as (response: unknown) => void) : null;
    const payload = ack && args.length === 1 ? undefined : args[0];
    if (draining) {
      // The client resends after it reconnected to another node (chat, chunks: both idempotent there).
      ack?.(toErrorAck(new AppError("UNAVAILABLE", "This server is restarting: reconnecting you to another one")));
      return;
    }
    inFlight++;
    void answer(handler, payload, this, ack, beforeEvent).finally(() => {
      if (--inFlight === 0) drained?.();
    });
  }

  return Object.assign(dispatch, {
    /**
     * The node is being replaced: refuse new events and resolve once every event already
     * accepted has been answered (its ack sent), so no client is left wondering whether its
     * message was stored when its connection is closed.
     */
    drain(): Promise<void> {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        drained = resolve;
      });
    },
  });
}

type Handler = { event: string; parse: (input: unknown) => unknown; run: AnyHandler };

async function answer(
  handler: Handler,
  payload: unknown,
  socket: PlenarySocket,
  ack: ((response: unknown) => void) | null,
  beforeEvent: ((socket: PlenarySocket) => Promise<void>) | null,
) {
  const started = performance.now();
  let response: unknown;
  let outcome = "ok";
  try {
    if (beforeEvent) await beforeEvent(socket);
    const result = await handler.run(handler.parse(payload ?? {}), socket);
    response = { ok: true, ...(result ?? {}) };
  } catch (error) {
    response = toErrorAck(error, logger.child({ socketId: socket.id, event: handler.event, userId: socket.data.user?.id }));
    outcome = "error";
  }
  try {
    ack?.(response);
  } catch (error) {
    logger.error({ err: error, socketId: socket.id, event: handler.event }, "socket ack failed");
  }
  realtimeMetrics.socketEvents.observe({ event: handler.event, outcome }, (performance.now() - started) / 1000);
}
