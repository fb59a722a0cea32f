import { toNextJsHandler } from "better-auth/next-js";
import { auth } from "@/lib/auth/auth";
import { CLIENT_ADDRESS_HEADER, clientAddressOfRequest } from "@/lib/security/client-address";

const handlers = toNextJsHandler(auth);

/**
 * better-auth keys its rate limits on CLIENT_ADDRESS_HEADER: written here, from the peer the web
 * server saw and TRUSTED_PROXIES, over anything the client sent under that name.
 */
function withClientAddress(request: Request): Request {
  const headers = new Headers(request.headers);
  headers.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddressOfRequest(request.headers);
  if (address) headers.set(CLIENT_ADDRESS_HEADER, address);
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(request.url, {
    method: request.method,
    headers,
    body: hasBody ? request.body : undefined,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}

export const GET = (request: Request) => handlers.GET(withClientAddress(request));
export const POST = (request: Request) => handlers.POST(withClientAddress(request));
