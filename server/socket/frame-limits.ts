import type { PlenarySocket } from "./types";

/**
 * The largest packet (one WebSocket frame, or one polling request) an ordinary socket may send:
 * chat, Q&A and polls are far smaller, and a server-wide 8 MB limit let anyone, anonymous
 * included, make the server buffer 8 MB per frame.
 */
export const SOCKET_FRAME_LIMIT = 64 * 1024;

/**
 * socket.io has one limit per server (maxHttpBufferSize); the speaker studio needs more for its
 * media chunks. Once a socket is accepted as a talk's publisher, its connection's own limit is
 * raised: the WebSocket's receiver (the `ws` library keeps it per connection) or the polling
 * transport's, and again on each transport upgrade. Everyone else keeps SOCKET_FRAME_LIMIT, so
 * an oversized frame is refused before it is buffered or decoded.
 */
export function allowLargeFrames(socket: PlenarySocket, bytes: number): void {
  const conn = socket.conn as unknown as EngineConnection;
  applyLimit(conn.transport, bytes);
  if (raised.has(conn)) return;
  raised.add(conn);
  conn.on("upgrade", (transport) => applyLimit(transport, bytes));
}

const raised = new WeakSet<object>();

type EngineTransport = { maxHttpBufferSize?: number; socket?: { _receiver?: { _maxPayload?: number } } };
type EngineConnection = { transport: EngineTransport; on(event: "upgrade", listener: (transport: EngineTransport) => void): void };

function applyLimit(transport: EngineTransport, bytes: number) {
  // Polling checks each request's body against its transport's maxHttpBufferSize.
  if (typeof transport.maxHttpBufferSize === "number") transport.maxHttpBufferSize = bytes;
  // WebSocket: engine.io hands the limit to ws as maxPayload, which its receiver checks per frame.
  const receiver = transport.socket?._receiver;
  if (receiver && typeof receiver._maxPayload === "number") receiver._maxPayload = bytes;
}
