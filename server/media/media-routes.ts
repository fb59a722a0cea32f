import type http from "node:http";
import { pipeline } from "node:stream/promises";
import { text } from "node:stream/consumers";
import { env } from "@/lib/config/env";
import { AppError, notFound, statusOf, toErrorBody } from "@/lib/errors/app-error";
import { authorizeMediaRead, isPlaylistKey, parseMediaKey, type MediaKey } from "@/lib/media/authorize-media-read";
import { MEDIA_TOKEN_PARAM, addTokenToPlaylist, signMediaToken } from "@/lib/media/media-token";
import { listsSequence, nextSequence, TARGET_DURATION_S } from "@/lib/media/hls-playlist";
import { assertMediaAired, readMediaObject } from "@/lib/media/read-media-object";
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
      const access = await authorizeMediaRead({ key, cookie: req.headers.cookie, token: url.searchParams.get(MEDIA_TOKEN_PARAM) });
      const reload = isPlaylistKey(key) ? BlockingReloadQuery.safeParse(Object.fromEntries(url.searchParams)) : null;
      if (reload && !reload.success) throw new AppError("INVALID_INPUT", reload.error.issues[0]?.message ?? "Bad blocking reload");
      const object = await readMediaObject({ key });
      if (!object) return sendError(res, notFound("Media"));
      // A playlist read by the session is private; one read by the token is the same for every
      // viewer of the talk, so shared caches (nginx's micro-cache) keep it a second.
      const headers = {
        "content-type": contentTypeFor(key.key),
        "cache-control": isPlaylistKey(key) && access === "private" ? "no-cache" : cacheControlFor(key.key),
      };
      if (isPlaylistKey(key)) {
        let playlist = await text(object.stream);
        const msn = reload?.data?._HLS_msn;
        if (msn !== undefined && req.method !== "HEAD") playlist = await waitForSequence(res, key, playlist, msn);
        // Each read renews the token: a live player reloading its playlist never runs out.
        const base = env.MEDIA_PUBLIC_BASE_URL ? `${env.MEDIA_PUBLIC_BASE_URL.replace(/\/$/, "")}/${key.key.replace(/[^/]+$/, "")}` : undefined;
        const body = Buffer.from(addTokenToPlaylist(playlist, signMediaToken({ talkId: key.talkId }), base));
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

/**
 * GET /media-auth: the proxy's token check (nginx auth_request, X-Original-URI: the viewer's URI),
 * so nginx serves segments itself (from disk or the bucket) and keeps token playlists in its
 * micro-cache. 200 when the token lets anyone read the object; for a playlist without a usable
 * token 200 too, marked private (the realtime node then checks the session itself, uncached); 403
 * otherwise. Answers are cacheable briefly per URI and token: the origin sees one check per new
 * segment, not one per viewer.
 */
export const mediaAuthRoute: HttpRoute = {
  name: "media-auth",
  method: "GET",
  path: /^\/media-auth$/,
  handler: async (req, res) => {
    const deny = (reason: string) => {
      res.writeHead(403, { "cache-control": "no-store", "content-type": "text/plain" });
      res.end(reason);
    };
    const original = req.headers["x-original-uri"];
    if (typeof original !== "string") return deny("X-Original-URI missing");
    let url: URL;
    try {
      url = new URL(original, "http://proxy.invalid");
    } catch {
      return deny("bad X-Original-URI");
    }
    const path = decodeMediaPath(url.pathname.replace(/^\/media\//, ""));
    const key = path === null ? null : parseMediaKey(path);
    if (!key) return deny("not a media address");
    const token = url.searchParams.get(MEDIA_TOKEN_PARAM);
    const allow = (access: "shared" | "private") => {
      res.writeHead(200, {
        "cache-control": access === "shared" ? "max-age=60" : "no-store",
        "x-plenary-media-cache": access,
        "content-length": "0",
      });
      res.end();
    };
    // The master playlist (and the studio's own reads) go by the session: the realtime node checks it.
    if (isPlaylistKey(key) && !token) return allow("private");
    try {
      const access = await authorizeMediaRead({ key, cookie: undefined, token }).catch((error) => {
        // A playlist the token does not open may still be the session's: the realtime node decides.
        if (isPlaylistKey(key)) return "private" as const;
        throw error;
      });
      if (!isPlaylistKey(key)) await assertMediaAired({ key });
      allow(access);
    } catch (error) {
      deny(error instanceof Error ? error.message : "denied");
    }
  },
};
