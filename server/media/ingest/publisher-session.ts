import { AppError } from "@/lib/errors/app-error";
import { publishesFrom, type BrowserPublisher, type Publisher, type PublisherConnection } from "./publisher";
import { WebmStream, detectVideoCodec } from "./webm-stream";

const QUIET_STOP_MS = 60_000;

/**
 * The publisher of one live talk and what arrives from it: who, whether still connected, the
 * browser's WebM stream (chunk numbers, header kept for a new ffmpeg) and when data last came.
 */
export class PublisherSession {
  publisher: Publisher | null = null;
  connected = false;
  readonly stats = { chunks: 0, bytes: 0 };
  private webm: WebmStream | null = null;
  private lastChunkSeq = -1;
  private lastDataAt = Date.now();

  /** What ffmpeg reads: MediaRecorder WebM from a browser, FLV re-muxed from RTMP. */
  get input(): "matroska" | "flv" {
    return this.publisher?.kind === "encoder" ? "flv" : "matroska";
  }

  /** A new stream (first "Go live", a page reload, an encoder connecting). */
  begin(publisher: Publisher) {
    this.webm = publisher.kind === "browser" ? new WebmStream() : null;
    this.lastChunkSeq = -1;
    this.publisher = publisher;
    this.connected = true;
  }

  /** The same MediaRecorder stream continues on a new socket (a dropped connection came back). */
  resume(publisher: BrowserPublisher) {
    this.publisher = publisher;
    this.connected = true;
  }

  detach(connection: PublisherConnection) {
    if (publishesFrom(this.publisher, connection)) this.connected = false;
  }

  /** One numbered chunk of the browser's recording: the bytes ffmpeg gets now (none for a resent duplicate). */
  acceptChunk(seq: number, chunk: Buffer): Buffer | null {
    if (seq <= this.lastChunkSeq) return null;
    if (!this.webm) throw new AppError("CONFLICT", "Go live first");
    const bytes = this.webm.push(chunk);
    this.lastChunkSeq = seq;
    this.lastDataAt = Date.now();
    this.stats.chunks += 1;
    this.stats.bytes += chunk.length;
    return bytes;
  }

  acceptFlv(bytes: Buffer) {
    this.stats.bytes += bytes.length;
    this.lastDataAt = Date.now();
  }

  /** H.264 from the browser is copied; VP8/VP9 is encoded. Read from the WebM header, not the client's word. */
  browserSendsH264(): boolean {
    return this.webm?.header ? detectVideoCodec(this.webm.header) === "h264" : false;
  }

  /** A browser that sent nothing for a minute (an encoder says when it stops). */
  isQuiet(): boolean {
    return this.input === "matroska" && Date.now() - this.lastDataAt > QUIET_STOP_MS;
  }

  /** The next bytes go to a new ffmpeg: a WebM stream starts over with its header and the next cluster. */
  resync() {
    this.webm?.resync();
  }

  /** ffmpeg cannot read this stream: its chunks are refused until the speaker goes live again. */
  dropStream() {
    this.webm = null;
  }
}
