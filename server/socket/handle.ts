import type { Socket } from "socket.io";
import type { z } from "zod";
import { toErrorAck } from "@/lib/errors/app-error";
import type { SessionUser } from "@/lib/auth/get-session-user";

export type SocketData = { user: SessionUser | null };
// Handlers are registered by event name at run time and every payload is parsed with zod, so the
// socket's event maps stay open here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- open event maps, see above
export type PlenarySocket = Socket<any, any, any, SocketData>;

/**
 * Registers a client event the one way Plenary handles events: parse the payload with its zod
 * schema, run one service, answer with an ack `{ ok: true, ...result }` or `{ ok: false, error }`.
 * A client that sends no ack callback still gets its event handled; errors never escape.
 */
export function handle<S extends z.ZodType, R extends Record<string, unknown> | void>(
  socket: PlenarySocket,
  event: string,
  schema: S,
  run: (input: z.infer<S>, socket: PlenarySocket) => Promise<R>,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === "function" ? (last as (r: unknown) => void) : () => {};
    const payload = typeof last === "function" ? args[0] : args[0];
    try {
      const input = schema.parse(payload ?? {});
      const result = await run(input, socket);
      ack({ ok: true, ...(result ?? {}) });
    } catch (error) {
      ack(toErrorAck(error));
    }
  });
}
