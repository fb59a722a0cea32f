import crypto from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { findSessionUser } from "@/lib/auth/get-session-user";
import { can } from "@/lib/permissions/can";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { isSafeKey } from "./storage/media-storage";

const KEY = /^talks\/([A-Za-z0-9_-]{1,64})\/([a-f0-9]{8,32})\/(.+)$/;
// Players reload a live playlist every second or two: remember decisions briefly, per cookie.
const decisions = new Map<string, { allowed: boolean; until: number }>();
const TTL_MS = 30_000;

export type MediaKey = { key: string; talkId: string; folder: string; file: string };

export function parseMediaKey(key: string): MediaKey | null {
  if (!isSafeKey(key)) return null;
  const match = key.match(KEY);
  if (!match) return null;
  return { key, talkId: match[1]!, folder: `talks/${match[1]}/${match[2]}`, file: match[3]! };
}

/**
 * Playlists are checked against `talk:watch` (public talk, or a ticket/staff session cookie).
 * Segments are not: their paths hold the recording's random folder, which only an allowed
 * playlist reveals, and they must stay cacheable by a CDN.
 */
export async function authorizeMediaRead(options: { key: MediaKey; cookie: string | undefined }): Promise<void> {
  if (!options.key.file.endsWith(".m3u8")) return;
  const cacheKey = `${options.key.talkId}:${crypto
    .createHash("sha256")
    .update(options.cookie ?? "")
    .digest("hex")}`;
  const cached = decisions.get(cacheKey);
  if (cached && cached.until > Date.now()) {
    if (!cached.allowed) throw new AppError("FORBIDDEN", "You cannot watch this talk");
    return;
  }
  const headers = new Headers();
  if (options.cookie) headers.set("cookie", options.cookie);
  const user = options.cookie ? await findSessionUser({ headers }) : null;
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.key.talkId, userId: user?.id ?? null });
  const allowed = can(viewer, "talk:watch", talk);
  if (decisions.size > 10_000) decisions.clear();
  decisions.set(cacheKey, { allowed, until: Date.now() + TTL_MS });
  if (!allowed)
    throw new AppError(user ? "FORBIDDEN" : "UNAUTHENTICATED", user ? "You need a ticket to watch this talk" : "Sign in to watch this talk");
}
