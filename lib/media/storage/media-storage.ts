import type { Readable } from "node:stream";

/**
 * Where recordings live. Keys are slash-separated paths ("talks/<talkId>/<recordingId>/v0/000001.ts").
 * Local disk (local-disk-storage.ts, the default) or an S3-compatible bucket (s3-storage.ts), by MEDIA_STORAGE.
 */
export interface MediaStorage {
  /** Stores a finished file (moved when possible: segments are written once and never change). */
  putFile(key: string, localPath: string): Promise<void>;
  /** Replaces a small text object atomically: a reader sees the old or the new text, never half. */
  putText(key: string, text: string): Promise<void>;
  /** Opens an object for reading, or null when it does not exist. */
  open(key: string): Promise<{ stream: Readable; size: number } | null>;
  readText(key: string): Promise<string | null>;
  removePrefix(prefix: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

/** Keys come from URLs: only plain path segments, never "..", absolute paths or hidden files. */
export function isSafeKey(key: string): boolean {
  return key.length <= 300 && SAFE_KEY.test(key) && !key.split("/").some((part) => part === "." || part === "..");
}

export function contentTypeFor(key: string): string {
  if (key.endsWith(".m3u8")) return "application/vnd.apple.mpegurl";
  if (key.endsWith(".ts")) return "video/mp2t";
  if (key.endsWith(".m4s")) return "video/iso.segment";
  if (key.endsWith(".mp4")) return "video/mp4";
  if (key.endsWith(".json")) return "application/json";
  return "application/octet-stream";
}

/**
 * Segments never change once written; playlists do while a talk is live, so caches (a CDN, nginx's
 * micro-cache) may keep one a second: N viewers polling cost the origin about one read a second.
 */
export function cacheControlFor(key: string): string {
  if (key.endsWith(".ts") || key.endsWith(".m4s")) return "public, max-age=31536000, immutable";
  if (key.endsWith(".m3u8")) return "public, max-age=1";
  return "no-cache";
}
