import type { ExtendedError } from "socket.io";
import { findSessionUser } from "@/lib/auth/get-session-user";
import { clientAddressOfHandshake } from "@/lib/security/client-address";
import type { PlenarySocket } from "./types";

/**
 * socket.io middleware: the web session cookie is the only credential (no second login).
 * Anonymous sockets are let in, because public talks can be watched without an account;
 * every event then checks what this user may do.
 */
export async function authenticateSocket(socket: PlenarySocket, next: (err?: ExtendedError) => void) {
  try {
    const cookie = socket.handshake.headers.cookie;
    const user = cookie ? await findSessionUser({ headers: new Headers({ cookie }) }) : null;
    // Only what the handlers read: this object lives as long as the connection.
    socket.data.user = user ? { id: user.id, name: user.name } : null;
    // The peer, or what a trusted proxy says the client is; never the client's own X-Forwarded-For.
    socket.data.clientAddress = clientAddressOfHandshake(socket.handshake);
    next();
  } catch (error) {
    console.error("socket authentication failed", error);
    next(new Error("authentication unavailable"));
  }
}
