import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { prisma } from "@/lib/db/client";
import { env, getAuthSecret } from "@/lib/config/env";
import { formatZodError } from "@/lib/errors/app-error";
import { betterAuthRateLimitStorage, describeWait, findAccountLockout, recordSignInResult } from "@/lib/rate-limit/sign-in-limits";
import { CLIENT_ADDRESS_HEADER } from "@/lib/security/client-address";
import { NAME_MAX, safeText } from "@/lib/validation/text";
import { allowedOrigins } from "@/lib/security/allowed-origins";
import { onAddressConfirmed, onPasswordReset, sendAddressConfirmation, sendPasswordReset } from "./account-mail";
import { logger } from "@/lib/logging/logger";

const DisplayName = safeText({ min: 1, max: NAME_MAX, tooShort: "Tell us your name", tooLong: `A name has at most ${NAME_MAX} characters` });

/** The account's display name through the text rules; a 400 with the reason when it cannot be one. */
function checkName<T extends { name?: unknown }>(user: T): { data: T } | void {
  if (user.name === undefined) return;
  const parsed = DisplayName.safeParse(user.name);
  if (!parsed.success) throw new APIError("BAD_REQUEST", { message: `Name: ${formatZodError(parsed.error).message}`, code: "INVALID_NAME" });
  return { data: { ...user, name: parsed.data } };
}

const emailOf = (body: unknown) =>
  body && typeof body === "object" && typeof (body as { email?: unknown }).email === "string" ? (body as { email: string }).email : null;

// Sessions live in PostgreSQL (the `session` table); the cookie carries a signed session token
// that the realtime server checks with the same `auth.api.getSession`.
export const auth = betterAuth({
  appName: "Plenary",
  baseURL: env.PUBLIC_URL,
  secret: getAuthSecret(),
  database: prismaAdapter(prisma, { provider: "postgresql" }),
  trustedOrigins: allowedOrigins(),
  emailAndPassword: {
    enabled: true,
    minPasswordLength: 8,
    maxPasswordLength: 128,
    autoSignIn: true,
    // An unconfirmed account may sign in (public talks, agenda, chat where allowed); speaker
    // profiles and tickets wait for a confirmed address (lib/permissions, lib/tickets/check-out).
    requireEmailVerification: false,
    sendResetPassword: async ({ user, url }) => sendPasswordReset({ user, url }),
    resetPasswordTokenExpiresIn: 60 * 60,
    revokeSessionsOnPasswordReset: true,
    onPasswordReset: async ({ user }) => onPasswordReset(user),
  },
  emailVerification: {
    sendVerificationEmail: async ({ user, url }) => sendAddressConfirmation({ user, url }),
    sendOnSignUp: true,
    autoSignInAfterVerification: true,
    expiresIn: 60 * 60 * 24,
    afterEmailVerification: async (user) => onAddressConfirmed(user),
  },
  session: {
    expiresIn: 60 * 60 * 24 * 30,
    updateAge: 60 * 60 * 24,
    cookieCache: { enabled: true, maxAge: 60 },
  },
  // Every session that ends (sign-out, revoked, expired and swept) tells the realtime nodes, which
  // drop the sockets opened with it: an open tab must not keep chatting as the signed-out account.
  databaseHooks: {
    user: {
      create: { before: async (user) => checkName(user) },
      update: { before: async (user) => checkName(user) },
    },
    session: {
      delete: {
        after: async (session) => {
          await publishDomainEvent({ type: "session:ended", sessionId: session.id }).catch((error: Error) =>
            logger.error({ detail: error.message }, "could not announce the end of a session"),
          );
        },
      },
    },
  },
  telemetry: { enabled: false },
  // Brute-force protection on credentials, loose enough for a room full of people behind one NAT:
  // per client address here (counted in lib/rate-limit: Redis when configured, so every web node
  // counts together), per account in the hooks below.
  rateLimit: {
    enabled: true,
    window: 60,
    max: 300,
    customRules: {
      "/sign-in/email": { window: 60, max: 30 },
      "/sign-up/email": { window: 60, max: 30 },
      // Each of these sends a mail: keep them from being a spam cannon.
      "/send-verification-email": { window: 60, max: 10 },
      "/request-password-reset": { window: 60, max: 10 },
    },
    customStorage: betterAuthRateLimitStorage(),
  },
  hooks: {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-in/email") return;
      const email = emailOf(ctx.body);
      const wait = email ? await findAccountLockout({ email }) : null;
      if (wait !== null) {
        throw new APIError("TOO_MANY_REQUESTS", {
          message: `Too many failed sign-ins for this account: try again ${describeWait(wait)}`,
          code: "ACCOUNT_LOCKED",
        });
      }
    }),
    after: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-in/email") return;
      const email = emailOf(ctx.body);
      const returned = ctx.context.returned;
      // Only a wrong password counts against the account; a refused request (429, 400) does not.
      const failed = isAPIError(returned) && returned.statusCode === 401;
      if (email && (failed || !isAPIError(returned))) await recordSignInResult({ email, succeeded: !failed });
    }),
  },
  advanced: {
    useSecureCookies: env.PUBLIC_URL.startsWith("https://"),
    // The auth route (app/api/auth/[...all]/route.ts) writes this header from the TCP peer and
    // TRUSTED_PROXIES (lib/security/client-address.ts); a client's own X-Forwarded-For is not read.
    ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
  },
});

export type AuthSession = typeof auth.$Infer.Session;
