import type http from "node:http";
import { pipeline } from "node:stream/promises";
import { text } from "node:stream/consumers";
import { AppError, notFound, statusOf, toErrorBody } from "@/lib/errors/app-error";
import { env } from "@/lib/config/env";
import { authorizeMediaRead, isPlaylistKey, parseMediaKey } from "@/lib/media/authorize-media-read";
import { MEDIA_TOKEN_PARAM, addTokenToPlaylist, signMediaToken } from "@/lib/media/media-token";
import { assertMediaAired, readMediaObject } from "@/lib/media/read-media-object";
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
 * GET /media/<key>: playlists and segments (immutable, checked against the token each playlist read
 * gives its URIs) from media storage. A playlist read by the session is private (no-cache); one read
 * by the token is the same for every viewer of the talk, so shared caches keep it a second.
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
      const object = await readMediaObject({ key });
      if (!object) return sendError(res, notFound("Media"));
      const headers = {
        "content-type": contentTypeFor(key.key),
        "cache-control": isPlaylistKey(key) && access === "private" ? "no-cache" : cacheControlFor(key.key),
      };
      if (isPlaylistKey(key)) {
        // Each read renews the token: a live player reloading its playlist never runs out.
        const base = env.MEDIA_PUBLIC_BASE_URL ? `${env.MEDIA_PUBLIC_BASE_URL.replace(/\/$/, "")}/${key.key.replace(/[^/]+$/, "")}` : undefined;
        const body = Buffer.from(addTokenToPlaylist(await text(object.stream), signMediaToken({ talkId: key.talkId }), base));
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
