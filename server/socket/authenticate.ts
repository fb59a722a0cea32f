import type { ExtendedError } from "socket.io";
import { clientAddressOfHandshake } from "@/lib/security/client-address";
import { findLiveSession } from "@/lib/auth/get-session-user";
import type { PlenarySocket } from "./types";
import { logger } from "@/lib/logging/logger";

/**
 * socket.io middleware: the web session cookie is the only credential (no second login).
 * Anonymous sockets are let in, because public talks can be watched without an account;
 * every event then checks what this user may do. The socket keeps its session's id: when the
 * session ends, the socket goes (server/socket/session-watch.ts).
 */
export async function authenticateSocket(socket: PlenarySocket, next: (err?: ExtendedError) => void) {
  try {
    const cookie = socket.handshake.headers.cookie;
    const session = cookie ? await findLiveSession({ headers: new Headers({ cookie }) }) : null;
    // Only what the handlers read: this object lives as long as the connection.
    socket.data.user = session ? { id: session.user.id, name: session.user.name } : null;
    socket.data.sessionId = session?.sessionId ?? null;
    // The peer, or what a trusted proxy says the client is; never the client's own X-Forwarded-For.
    socket.data.clientAddress = clientAddressOfHandshake(socket.handshake);
    next();
  } catch (error) {
    logger.error({ err: error }, "socket authentication failed");
    next(new Error("authentication unavailable"));
  }
}
