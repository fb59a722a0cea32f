import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { prisma } from "@/lib/db/client";
import { env, getAuthSecret } from "@/lib/config/env";
import { onAddressConfirmed, onPasswordReset, sendAddressConfirmation, sendPasswordReset } from "./account-mail";

function trustedOrigins(): string[] {
  const origins = new Set<string>([env.PUBLIC_URL, env.REALTIME_PUBLIC_URL]);
  // Local use: people open either name for the same machine.
  for (const url of [env.PUBLIC_URL]) {
    const u = new URL(url);
    if (u.hostname === "localhost") origins.add(`${u.protocol}//127.0.0.1:${u.port}`);
    if (u.hostname === "127.0.0.1") origins.add(`${u.protocol}//localhost:${u.port}`);
  }
  return [...origins];
}

// Sessions live in PostgreSQL (the `session` table); the cookie carries a signed session token
// that the realtime server checks with the same `auth.api.getSession`.
export const auth = betterAuth({
  appName: "Plenary",
  baseURL: env.PUBLIC_URL,
  secret: getAuthSecret(),
  database: prismaAdapter(prisma, { provider: "postgresql" }),
  trustedOrigins: trustedOrigins(),
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
  telemetry: { enabled: false },
  // Brute-force protection on credentials, loose enough for a room full of people behind one NAT.
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
  },
  advanced: { useSecureCookies: env.PUBLIC_URL.startsWith("https://") },
});

export type AuthSession = typeof auth.$Infer.Session;
