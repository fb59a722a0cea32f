import { AppError } from "@/lib/errors/app-error";

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const CLUSTER_ID = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);
const MAX_HEADER_BYTES = 2 * 1024 * 1024;

export type VideoCodec = "h264" | "vp8" | "vp9" | "av1" | "unknown";

/** Reads the codec from the Matroska track entries (CodecID strings) rather than trusting the client. */
export function detectVideoCodec(header: Buffer): VideoCodec {
  const text = header.toString("latin1");
  if (text.includes("V_MPEG4/ISO/AVC")) return "h264";
  if (text.includes("V_VP8")) return "vp8";
  if (text.includes("V_VP9")) return "vp9";
  if (text.includes("V_AV1")) return "av1";
  return "unknown";
}

/**
 * Follows a MediaRecorder WebM stream chunk by chunk. It keeps the stream header (everything before
 * the first Cluster) so that a restarted ffmpeg can be fed "header + the next cluster" and decode
 * the rest of the same stream.
 */
export class WebmStream {
  header: Buffer | null = null;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private syncCarry: Buffer = Buffer.alloc(0);
  private needsSync = false;

  /** Returns the bytes to feed to ffmpeg now (possibly none); throws on input that is not WebM. */
  push(chunk: Buffer): Buffer | null {
    if (!this.header) {
      if (this.pendingBytes === 0 && chunk.length >= 4 && !chunk.subarray(0, 4).equals(EBML_MAGIC)) {
        throw new AppError("UNSUPPORTED_MEDIA", "The stream is not WebM/Matroska: record with MediaRecorder (video/webm)");
      }
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      const all = Buffer.concat(this.pending);
      const at = all.indexOf(CLUSTER_ID);
      if (at < 0) {
        if (all.length > MAX_HEADER_BYTES) {
          throw new AppError("UNSUPPORTED_MEDIA", "The stream has no media clusters: is it really a MediaRecorder recording?");
        }
        this.pending = [all];
        return null;
      }
      this.header = all.subarray(0, at);
      this.pending = [];
      this.pendingBytes = 0;
      return all;
    }
    if (!this.needsSync) return chunk;
    // After an ffmpeg restart: drop bytes up to the next cluster, then send header + cluster onward.
    const all = Buffer.concat([this.syncCarry, chunk]);
    const at = all.indexOf(CLUSTER_ID);
    if (at < 0) {
      this.syncCarry = all.subarray(Math.max(0, all.length - 3));
      return null;
    }
    this.needsSync = false;
    this.syncCarry = Buffer.alloc(0);
    return Buffer.concat([this.header, all.subarray(at)]);
  }

  /** The next bytes go to a new ffmpeg: resynchronise on a cluster boundary. */
  resync() {
    if (this.header) this.needsSync = true;
  }
}
