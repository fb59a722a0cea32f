import type http from "node:http";
import { pipeline } from "node:stream/promises";
import { text } from "node:stream/consumers";
import { AppError, notFound, statusOf, toErrorBody } from "@/lib/errors/app-error";
import { authorizeMediaRead, isPlaylistKey, parseMediaKey, type MediaKey } from "@/lib/media/authorize-media-read";
import { MEDIA_TOKEN_PARAM, addTokenToPlaylist, signMediaToken } from "@/lib/media/media-token";
import { listsSequence, nextSequence, TARGET_DURATION_S } from "@/lib/media/hls-playlist";
import { readMediaObject } from "@/lib/media/read-media-object";
import { BlockingReloadQuery } from "@/lib/media/schemas";
import { cacheControlFor, contentTypeFor } from "@/lib/media/storage/media-storage";
import type { HttpRoute } from "../feature-module";
import { nextPlaylistWrite } from "./playlist-updates";

// A blocking reload is answered at the latest after this (the player's own time-out is three
// target durations); a playlist written by another node or a premiere's clock is re-read this often.
const BLOCK_AT_MOST_MS = 2 * TARGET_DURATION_S * 1000;
const REREAD_EVERY_MS = 250;

function sendError(res: http.ServerResponse, error: unknown) {
  const body = toErrorBody(error);
  res.writeHead(statusOf(body), { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error: body }));
}

/** The path with its %-escapes decoded; null when one is malformed (`%zz`, a lone `%`, bad UTF-8). */
function decodeMediaPath(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/**
 * Holds a blocking playlist reload until the playlist lists segment `msn` (or has ended, or time is
 * up: then the current one, which the player asks again for). Far-future numbers are refused at
 * once, as the HLS spec says.
 */
async function waitForSequence(res: http.ServerResponse, key: MediaKey, playlist: string, msn: number): Promise<string> {
  if (msn > nextSequence(playlist) + 2) throw new AppError("INVALID_INPUT", "_HLS_msn is too far ahead of the playlist");
  const deadline = Date.now() + BLOCK_AT_MOST_MS;
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once("close", onClose); // the player went away
  try {
    while (!listsSequence(playlist, msn) && Date.now() < deadline && !gone.signal.aborted) {
      await nextPlaylistWrite(key.key, Math.min(REREAD_EVERY_MS, deadline - Date.now()), gone.signal);
      const object = await readMediaObject({ key });
      if (object) playlist = await text(object.stream);
    }
    return playlist;
  } finally {
    res.off("close", onClose);
  }
}

/**
 * GET /media/<key>: playlists (no-cache, checked against the session; `_HLS_msn` waits for that
 * segment) and segments (immutable, checked against the token each playlist read gives its
 * segment URIs) from media storage.
 */
export const serveMediaRoute: HttpRoute = {
  method: "GET",
  name: "media",
  path: /^\/media\/(talks\/.+)$/,
  handler: async (req, res, match, url) => {
    const path = decodeMediaPath(match[1]!);
    if (path === null) return sendError(res, new AppError("INVALID_INPUT", "The media address has a malformed %-escape"));
    const key = parseMediaKey(path);
    if (!key) return sendError(res, notFound("Media"));
    try {
      await authorizeMediaRead({ key, cookie: req.headers.cookie, token: url.searchParams.get(MEDIA_TOKEN_PARAM) });
      const reload = isPlaylistKey(key) ? BlockingReloadQuery.safeParse(Object.fromEntries(url.searchParams)) : null;
      if (reload && !reload.success) throw new AppError("INVALID_INPUT", reload.error.issues[0]?.message ?? "Bad blocking reload");
      const object = await readMediaObject({ key });
      if (!object) return sendError(res, notFound("Media"));
      const headers = { "content-type": contentTypeFor(key.key), "cache-control": cacheControlFor(key.key) };
      if (isPlaylistKey(key)) {
        let playlist = await text(object.stream);
        const msn = reload?.data?._HLS_msn;
        if (msn !== undefined && req.method !== "HEAD") playlist = await waitForSequence(res, key, playlist, msn);
        // Each read renews the token: a live player reloading its playlist never runs out.
        const body = Buffer.from(addTokenToPlaylist(playlist, signMediaToken({ talkId: key.talkId })));
        res.writeHead(200, { ...headers, "content-length": String(body.length) });
        res.end(req.method === "HEAD" ? undefined : body);
        return;
      }
      res.writeHead(200, { ...headers, "content-length": String(object.size) });
      if (req.method === "HEAD") {
        object.stream.destroy();
        res.end();
        return;
      }
      await pipeline(object.stream, res).catch(() => {});
    } catch (error) {
      sendError(res, error);
    }
  },
};
