import { AppError } from "@/lib/errors/app-error";
import { findIngest } from "./ingest/ingest-registry";
import { publishesFrom } from "./ingest/publisher";

/** One MediaRecorder chunk from the publishing socket into its talk's ingest. */
export async function pushMediaChunk(options: { talkId: string; socketId: string; seq: number; data: Buffer }) {
  const ingest = findIngest(options.talkId);
  if (!ingest || !publishesFrom(ingest.publisher, { kind: "browser", socketId: options.socketId })) {
    throw new AppError("CONFLICT", "You are not publishing this talk: press Go live first");
  }
  ingest.writeChunk(options.seq, options.data);
  return { seq: options.seq, segments: ingest.health().segments };
}
