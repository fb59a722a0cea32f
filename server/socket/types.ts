import type { Server, Socket } from "socket.io";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/events";
import type { ChatBatchEvent } from "@/lib/chat/schemas";

/** Who is on a socket: set once by the middleware (server/socket/authenticate.ts). */
export type SocketUser = { id: string; name: string };
/** `sessionId`: the sign-in session the socket was opened with (it is dropped when that ends). `clientAddress`:
 * who connects, by address, for per-address limits (lib/security/client-address.ts; null when unknown). */
export type SocketData = { user: SocketUser | null; sessionId: string | null; clientAddress: string | null };

/** Between realtime nodes (io.serverSideEmit over the Redis adapter): a chat event one node accepted, for the others to batch for their own members. */
export type InterServerEvents = { "chat:relay": (room: string, event: ChatBatchEvent) => void };

export type PlenaryServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type PlenarySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
