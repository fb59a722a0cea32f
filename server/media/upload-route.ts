import { findSessionUser } from "@/lib/auth/get-session-user";
import { statusOf, toErrorBody } from "@/lib/errors/app-error";
import { uploadRecording } from "./upload-recording";
import type { HttpRoute } from "../feature-module";

/**
 * POST /media/talks/:talkId/upload?type=video/mp4 — the raw file as the body. Browsers send it as
 * text/plain so the cross-origin request needs no preflight; the real type is in `type`.
 */
export const uploadRoute: HttpRoute = {
  method: "POST",
  name: "upload",
  path: /^\/media\/talks\/([A-Za-z0-9_-]{1,64})\/upload$/,
  handler: async (req, res, match, url) => {
    try {
      const headers = new Headers();
      if (req.headers.cookie) headers.set("cookie", req.headers.cookie);
      const user = req.headers.cookie ? await findSessionUser({ headers }) : null;
      const length = req.headers["content-length"];
      const result = await uploadRecording({
        talkId: match[1]!,
        userId: user?.id ?? null,
        contentType: url.searchParams.get("type") ?? req.headers["content-type"]?.split(";")[0],
        contentLength: length ? Number(length) : undefined,
        body: req,
      });
      res.writeHead(202, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(result));
    } catch (error) {
      const body = toErrorBody(error);
      res.writeHead(statusOf(body), { "content-type": "application/json", "cache-control": "no-store", connection: "close" });
      res.end(JSON.stringify({ error: body }));
      req.resume();
    }
  },
};
