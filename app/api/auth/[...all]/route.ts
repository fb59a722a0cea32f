import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { withErrors } from "@/app/api/_lib/route";
import { readBodyBytes } from "@/lib/security/read-body";

const handlers = toNextJsHandler(auth);

// Credentials and profile fields are a few hundred bytes: nothing larger is read.
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export const GET = handlers.GET;

// Through the shared wrapper: the one origin check (better-auth has its own as well), and the
// body read with a byte limit before better-auth parses it.
export const POST = withErrors(async (request: Request) => {
  const body = await readBodyBytes(request, MAX_AUTH_BODY_BYTES);
  return handlers.POST(new Request(request.url, { method: "POST", headers: request.headers, body: body.byteLength ? body : undefined }));
});
