import crypto from "node:crypto";
import { env } from "@/lib/config/env";

// Segments are read with a token the (checked) playlist gives them: HMAC(talk, expiry), in the
// query so a CDN can cache the segment by its URL. Expiries are rounded up to a bucket so every
// viewer of a talk gets the same URL for a while (one cache entry, not one per viewer).
const BUCKET_MS = 10 * 60_000;

export const MEDIA_TOKEN_PARAM = "token";

function keyOf(): Buffer {
  // Derived, so the session/internal secret itself never signs anything a browser sees.
  return crypto.createHmac("sha256", env.INTERNAL_SECRET).update("plenary media token v1").digest();
}

function signature(talkId: string, expiresSec: number): string {
  return crypto.createHmac("sha256", keyOf()).update(`${talkId}.${expiresSec}`).digest("base64url").slice(0, 32);
}

/** A token for the talk's segments, valid MEDIA_TOKEN_TTL_MINUTES from `now` (or until `expiresAt`). */
export function signMediaToken(options: { talkId: string; now?: Date; expiresAt?: Date }): string {
  const expiresMs = options.expiresAt
    ? options.expiresAt.getTime()
    : Math.ceil(((options.now ?? new Date()).getTime() + env.MEDIA_TOKEN_TTL_MINUTES * 60_000) / BUCKET_MS) * BUCKET_MS;
  const expiresSec = Math.floor(expiresMs / 1000);
  return `${expiresSec}.${signature(options.talkId, expiresSec)}`;
}

export type MediaTokenCheck = { ok: true } | { ok: false; reason: "missing" | "invalid" | "expired" };

/** Whether `token` lets its holder read this talk's segments now. */
export function verifyMediaToken(options: { talkId: string; token: string | null; now?: Date }): MediaTokenCheck {
  if (!options.token) return { ok: false, reason: "missing" };
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{32})$/.exec(options.token);
  if (!match) return { ok: false, reason: "invalid" };
  const expiresSec = Number(match[1]);
  const expected = Buffer.from(signature(options.talkId, expiresSec));
  const given = Buffer.from(match[2]!);
  if (!crypto.timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  if (expiresSec * 1000 <= (options.now ?? new Date()).getTime()) return { ok: false, reason: "expired" };
  return { ok: true };
}

/**
 * Gives every URI of a playlist the token: a media playlist's segments, and a master playlist's
 * rendition playlists (a player reloads those every second; with the token, one cached answer
 * serves every viewer). `base` makes segment URIs absolute (segments fetched from a CDN).
 */
export function addTokenToPlaylist(text: string, token: string, base?: string): string {
  return text
    .split("\n")
    .map((line) => {
      if (line === "" || line.startsWith("#")) return line;
      const uri = base && !/\.m3u8(\?|$)/.test(line) && !/^[a-z]+:/i.test(line) ? `${base}${line}` : line;
      return `${uri}${uri.includes("?") ? "&" : "?"}${MEDIA_TOKEN_PARAM}=${encodeURIComponent(token)}`;
    })
    .join("\n");
}
