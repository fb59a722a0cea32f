import type http from "node:http";
import { pipeline } from "node:stream/promises";
import { text } from "node:stream/consumers";
import { AppError, notFound, statusOf, toErrorBody } from "@/lib/errors/app-error";
import { authorizeMediaRead, isPlaylistKey, parseMediaKey } from "@/lib/media/authorize-media-read";
import { MEDIA_TOKEN_PARAM, addTokenToPlaylist, signMediaToken } from "@/lib/media/media-token";
import { readMediaObject } from "@/lib/media/read-media-object";
import { cacheControlFor, contentTypeFor } from "@/lib/media/storage/media-storage";
import type { HttpRoute } from "../feature-module";

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
 * GET /media/<key>: playlists (no-cache, checked against the session) and segments (immutable,
 * checked against the token each playlist read gives its segment URIs) from media storage.
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
      const object = await readMediaObject({ key });
      if (!object) return sendError(res, notFound("Media"));
      const headers = { "content-type": contentTypeFor(key.key), "cache-control": cacheControlFor(key.key) };
      if (isPlaylistKey(key)) {
        // Each read renews the token: a live player reloading its playlist never runs out.
        const body = Buffer.from(addTokenToPlaylist(await text(object.stream), signMediaToken({ talkId: key.talkId })));
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
