import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { logger, type Logger } from "@/lib/logging/logger";
import type { z } from "zod";
import { AppError, statusOf, toErrorBody } from "@/lib/errors/app-error";
import { findSessionUser, type SessionUser } from "@/lib/auth/get-session-user";
import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { assertCan, getViewer } from "@/lib/permissions/get-viewer";
import { checkFetchRequestOrigin } from "@/lib/security/check-request-origin";
import { MAX_JSON_BYTES, mediaTypeOf, readBodyText } from "@/lib/security/read-body";
import { type Permission, type Viewer } from "@/lib/permissions/can";
import type { Conference } from "@/lib/db/client";

// The shared plumbing of every route handler: who is asking, parse the input, answer errors the
// one way. A handler is then: who asks -> parse -> one service -> json(result).
//
// Helpers that need the session take the Request when they have it: a handler called outside
// Next's request scope (an integration test) has no `headers()`.

/** Below this many bytes gzip costs the server more than it saves on the wire (one TCP segment either way). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * A JSON answer: Response.json, except that a small one is marked `no-transform`. Next hands a
 * route handler's body to its compression middleware as a stream of unknown length (it drops a
 * Content-Length we set), so it gzips every answer, a 300-byte one too: a zlib stream per request,
 * ~6 % of the web process's CPU in bench:checkout's ticket rush. `no-transform` is the one signal
 * that middleware honours; answers of 1 KB and more are still compressed.
 */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  if (Buffer.byteLength(text) < COMPRESS_FROM_BYTES) {
    headers.set("cache-control", [headers.get("cache-control"), "no-transform"].filter(Boolean).join(", "));
  }
  return new Response(text, { ...init, headers });
}

/** The one error answer of every route handler: `{ error: { code, message, fields? } }`. */
export function jsonError(error: unknown, log?: Logger): Response {
  const body = toErrorBody(error, log);
  return json({ error: body }, { status: statusOf(body) });
}

/** The proxy's request id (nginx sets X-Request-Id), so a log line can be found from the access log; else a new one. */
function requestIdOf(value: unknown): string {
  const given = (value as Request | undefined)?.headers?.get?.("x-request-id");
  return given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Next hands every route handler the Request first; a handler without one is a programming error. */
function requestOf(value: unknown): Request {
  const request = value as Request | undefined;
  if (typeof request?.method !== "string" || typeof request.headers?.get !== "function") {
    throw new Error("withErrors: the handler was called without a Request");
  }
  return request;
}

export type RouteOptions = {
  /**
   * "any": skip the origin check. Only for a caller that proves itself another way and is
   * cross-origin by nature (Stripe's signed webhook); every other state-changing route keeps it.
   */
  origin?: "same-site" | "any";
};

/**
 * Wraps a route handler: a state-changing request made by a page of another origin is refused
 * (403, lib/security/check-request-origin.ts), and every thrown AppError / ZodError becomes a 4xx
 * with a message.
 */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>, options: RouteOptions = {}) {
  return async (...args: A): Promise<Response> => {
    try {
      if (options.origin !== "any") checkFetchRequestOrigin(requestOf(args[0]));
      return await handler(...args);
    } catch (error) {
      return jsonError(error, logger.child({ requestId: requestIdOf(args[0]) }));
    }
  };
}

/**
 * Parses a JSON body with a schema. Only `application/json` is read (415 otherwise: a form or a
 * text/plain post is what a page elsewhere can send without asking), at most `maxBytes` of it
 * counted as it arrives (413), and malformed JSON is a 400, not a 500.
 */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S, options: { maxBytes?: number } = {}): Promise<z.infer<S>> {
  const type = mediaTypeOf(request);
  if (type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA", `Send the body as application/json${type ? ` (not ${type})` : ""}`);
  }
  const text = await readBodyText(request, options.maxBytes ?? MAX_JSON_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "Request body must be JSON");
  }
  return schema.parse(raw);
}

/** Parses the query string (`?q=ada&take=20`) with a schema; repeated keys become arrays. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    raw[key] = values.length > 1 ? values : values[0];
  }
  return schema.parse(raw);
}

/** Route params of a dynamic segment (`[id]`), which Next 16 hands over as a promise. */
export type RouteContext<P extends Record<string, string>> = { params: Promise<P> };

async function requestHeaders(request?: Request): Promise<Headers> {
  return request ? request.headers : await headers();
}

export async function findUser(request?: Request): Promise<SessionUser | null> {
  return findSessionUser({ headers: await requestHeaders(request) });
}

export async function requireUser(request?: Request): Promise<SessionUser> {
  const user = await findUser(request);
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  return user;
}

export type RequestContext = { conference: Conference; user: SessionUser | null; viewer: Viewer };

/**
 * The route context of a handler under app/api/conferences/[conference]/: the conference is named
 * by the URL, never a silent default (an organizer of one conference is a stranger to another).
 */
export type ConferenceRouteContext<P extends Record<string, string> = Record<never, never>> = RouteContext<P & { conference: string }>;

/** The conference the route names and who is asking, as `can` sees them (404 for an unknown conference). */
export async function getRequestContext(request: Request, route: ConferenceRouteContext): Promise<RequestContext> {
  const { conference: slug } = await route.params;
  const [conference, user] = await Promise.all([getConferenceBySlugOrThrow({ slug }), findUser(request)]);
  const viewer = await getViewer({ conferenceId: conference.id, userId: user?.id ?? null });
  return { conference, user, viewer };
}

/** Like getRequestContext, but answers 401 to anyone not signed in. */
export async function requireUserContext(request: Request, route: ConferenceRouteContext): Promise<RequestContext & { user: SessionUser }> {
  const context = await getRequestContext(request, route);
  if (!context.user) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  return context as RequestContext & { user: SessionUser };
}

/** Like getRequestContext, but answers 401/403 unless the viewer holds `permission` in that conference. */
export async function requirePermission(
  permission: Permission,
  request: Request,
  route: ConferenceRouteContext,
): Promise<RequestContext & { user: SessionUser }> {
  const context = await getRequestContext(request, route);
  assertCan(context.viewer, permission);
  return context as RequestContext & { user: SessionUser };
}
