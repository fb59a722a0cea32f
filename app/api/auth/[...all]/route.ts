import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { withErrors } from "@/app/api/_lib/route";
import { readBodyBytes } from "@/lib/security/read-body";
import { CLIENT_ADDRESS_HEADER, clientAddressOfRequest } from "@/lib/security/client-address";

const handlers = toNextJsHandler(auth);

// Credentials and profile fields are a few hundred bytes: nothing larger is read.
const MAX_AUTH_BODY_BYTES = 64 * 1024;

/**
 * better-auth keys its rate limits on CLIENT_ADDRESS_HEADER: written here, from the peer the web
 * server saw and TRUSTED_PROXIES, over anything the client sent under that name.
 */
function withClientAddress(request: Request, body?: Uint8Array): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddressOfRequest(request.headers);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  return new Request(request.url, {
    method: request.method,
    headers,
    body: body?.byteLength ? body : undefined,
    signal: request.signal,
  } as RequestInit);
}

export const GET = (request: Request) => handlers.GET(withClientAddress(request));

// Through the shared wrapper: the one origin check (better-auth has its own as well), and the
// body read with a byte limit before better-auth parses it.
export const POST = withErrors(async (request: Request) => {
  const body = await readBodyBytes(request, MAX_AUTH_BODY_BYTES);
  return handlers.POST(withClientAddress(request, body));
});
