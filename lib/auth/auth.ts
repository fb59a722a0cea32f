import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { prisma } from "@/lib/db/client";
import { env, getAuthSecret } from "@/lib/config/env";
import { allowedOrigins } from "@/lib/security/allowed-origins";

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
    },
  },
  advanced: { useSecureCookies: env.PUBLIC_URL.startsWith("https://") },
});

export type AuthSession = typeof auth.$Infer.Session;
