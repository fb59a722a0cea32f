import type { ExtendedError } from "socket.io";
import { findSessionUser } from "@/lib/auth/get-session-user";
import type { PlenarySocket } from "./handle";

/**
 * socket.io middleware: the web session cookie is the only credential (no second login).
 * Anonymous sockets are let in, because public talks can be watched without an account;
 * every event then checks what this user may do.
 */
export async function authenticateSocket(socket: PlenarySocket, next: (err?: ExtendedError) => void) {
  try {
    const headers = new Headers();
    const cookie = socket.handshake.headers.cookie;
    if (cookie) headers.set("cookie", cookie);
    socket.data.user = cookie ? await findSessionUser({ headers }) : null;
    next();
  } catch (error) {
    console.error("socket authentication failed", error);
    next(new Error("authentication unavailable"));
  }
}
