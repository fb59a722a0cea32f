import { auth } from "./auth";

// emailVerified: whether the account has confirmed its address (speaker profiles and tickets need it).
export type SessionUser = { id: string; name: string; email: string; emailVerified: boolean };

/** The signed-in user behind a request's cookies, or null. Used by pages, route handlers and sockets. */
export async function findSessionUser(options: { headers: Headers }): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers: options.headers });
  if (!session) return null;
  return { id: session.user.id, name: session.user.name, email: session.user.email, emailVerified: session.user.emailVerified };
}

/**
 * The session row behind the cookies, read from PostgreSQL (not better-auth's signed cookie cache,
 * which would still vouch for a signed-out session for up to a minute). Sockets keep the session's
 * id to be dropped when it ends.
 */
export async function findLiveSession(options: { headers: Headers }): Promise<{ sessionId: string; user: SessionUser } | null> {
  const session = await auth.api.getSession({ headers: options.headers, query: { disableCookieCache: true } });
  if (!session) return null;
  return {
    sessionId: session.session.id,
    user: { id: session.user.id, name: session.user.name, email: session.user.email, emailVerified: session.user.emailVerified },
  };
}
