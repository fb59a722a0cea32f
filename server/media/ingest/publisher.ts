/**
 * Who feeds a live talk: a speaker's browser over socket.io (MediaRecorder WebM, resumable with
 * the same stream id after a reconnect) or an encoder such as OBS over RTMP (FLV).
 */
export type BrowserPublisher = { kind: "browser"; socketId: string; userId: string; streamId: string };
export type EncoderPublisher = { kind: "encoder"; sessionId: string };
export type Publisher = BrowserPublisher | EncoderPublisher;

/** The connection media arrives on: what a disconnect or an incoming chunk names. */
export type PublisherConnection = { kind: "browser"; socketId: string } | { kind: "encoder"; sessionId: string };

export function publishesFrom(publisher: Publisher | null, connection: PublisherConnection): boolean {
  if (publisher?.kind === "browser") return connection.kind === "browser" && connection.socketId === publisher.socketId;
  if (publisher?.kind === "encoder") return connection.kind === "encoder" && connection.sessionId === publisher.sessionId;
  return false;
}
