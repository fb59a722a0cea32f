import { headers } from "next/headers";
import type { z } from "zod";
import { AppError, statusOf, toErrorBody } from "@/lib/errors/app-error";
import { findSessionUser, type SessionUser } from "@/lib/auth/get-session-user";

/** The one error answer of every route handler: `{ error: { code, message, fields? } }`. */
export function jsonError(error: unknown): Response {
  const body = toErrorBody(error);
  return Response.json({ error: body }, { status: statusOf(body) });
}

/** Wraps a route handler so every thrown AppError / ZodError becomes a 4xx with a message. */
export function withErrors<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return jsonError(error);
    }
  };
}

/** Parses a JSON body with a schema; malformed JSON is a 400, not a 500. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    throw new AppError("INVALID_INPUT", "Request body must be JSON");
  }
  return schema.parse(raw);
}

export async function requireUser(): Promise<SessionUser> {
  const user = await findSessionUser({ headers: await headers() });
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  return user;
}

export async function findUser(): Promise<SessionUser | null> {
  return findSessionUser({ headers: await headers() });
}
