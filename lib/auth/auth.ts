import { betterAuth } from "better-auth";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { prisma } from "@/lib/db/client";
import { env, getAuthSecret } from "@/lib/config/env";

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
  },
  session: {
    expiresIn: 60 * 60 * 24 * 30,
    updateAge: 60 * 60 * 24,
    cookieCache: { enabled: true, maxAge: 60 },
  },
  // Every session that ends (sign-out, revoked, expired and swept) tells the realtime nodes, which
  // drop the sockets opened with it: an open tab must not keep chatting as the signed-out account.
  databaseHooks: {
    session: {
      delete: {
        after: async (session) => {
          await publishDomainEvent({ type: "session:ended", sessionId: session.id }).catch((error: Error) =>
            console.error("could not announce the end of a session", error.message),
          );
        },
      },
    },
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
