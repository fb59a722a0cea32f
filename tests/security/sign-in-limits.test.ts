import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, overrideEnv } from "@/lib/config/env";
import { ACCOUNT_FAILURES_MAX, betterAuthRateLimitStorage, findAccountLockout, recordSignInResult } from "@/lib/rate-limit/sign-in-limits";
import { createRedisRateLimitStore } from "@/lib/rate-limit/rate-limit-store";
import { getRateLimitStore, rateLimitKeyPrefix } from "@/lib/rate-limit/get-rate-limit-store";
import * as authRoute from "@/app/api/auth/[...all]/route";
import { createUser, uid } from "../support/fixtures";

// The web server's preload marks the process and stamps the TCP peer into a header; here the
// requests carry the header as the preload would have written it.
await import("../../scripts/web/stamp-peer-address.mjs");

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const octet = () => 1 + Math.floor(Math.random() * 250);
const randomAddress = (first = 203) => `${first}.${octet()}.${octet()}.${octet()}`;

function signIn(options: { email: string; password?: string; peer: string; forwardedFor?: string }) {
  return authRoute.POST(
    new Request(`${env.PUBLIC_URL}/api/auth/sign-in/email`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: env.PUBLIC_URL,
        "x-plenary-peer-address": options.peer,
        ...(options.forwardedFor ? { "x-forwarded-for": options.forwardedFor } : {}),
      },
      body: JSON.stringify({ email: options.email, password: options.password ?? "wrong-password-123" }),
    }),
  );
}

const nobody = () => `nobody-${uid()}@example.test`;

describe("sign-in limit per client address", () => {
  it("a made-up X-Forwarded-For from an untrusted peer does not earn a fresh bucket", async () => {
    const peer = randomAddress();
    for (let i = 0; i < 30; i++) {
      const response = await signIn({ email: nobody(), peer, forwardedFor: randomAddress(198) });
      expect(response.status, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await signIn({ email: nobody(), peer, forwardedFor: randomAddress(198) });
    expect(refused.status).toBe(429);
    // Another machine is not affected.
    expect((await signIn({ email: nobody(), peer: randomAddress() })).status).toBe(401);
  });

  it("behind a trusted proxy, each client (the rightmost address the proxy did not add) has its own bucket", async () => {
    const restore = overrideEnv({ TRUSTED_PROXIES: "10.0.0.0/8" });
    try {
      const proxy = `10.${octet()}.${octet()}.${octet()}`;
      const client = randomAddress(198);
      for (let i = 0; i < 30; i++) expect((await signIn({ email: nobody(), peer: proxy, forwardedFor: client })).status).toBe(401);
      expect((await signIn({ email: nobody(), peer: proxy, forwardedFor: client })).status).toBe(429);
      // The same client prepending a made-up address is still the same client...
      expect((await signIn({ email: nobody(), peer: proxy, forwardedFor: `${randomAddress(192)}, ${client}` })).status).toBe(429);
      // ...also through a second proxy of ours; someone else behind the proxy is not limited.
      expect((await signIn({ email: nobody(), peer: proxy, forwardedFor: `${client}, 10.9.9.9` })).status).toBe(429);
      expect((await signIn({ email: nobody(), peer: proxy, forwardedFor: randomAddress(198) })).status).toBe(401);
    } finally {
      restore();
    }
  });
});

describe("sign-in limit per account", () => {
  let account: { email: string };
  beforeAll(async () => {
    account = await createUser();
  });

  it(`after ${ACCOUNT_FAILURES_MAX} wrong passwords from anywhere, the account answers 429 with a clear message`, async () => {
    for (let i = 0; i < ACCOUNT_FAILURES_MAX; i++) {
      expect((await signIn({ email: account.email, peer: randomAddress() })).status).toBe(401);
    }
    // Even the right password waits: the guesser cannot tell it found it.
    const locked = await signIn({ email: account.email.toUpperCase(), password: "correct-horse-battery", peer: randomAddress() });
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as { message: string }).message).toMatch(/^Too many failed sign-ins for this account: try again in 15 minutes$/);
    // Another account is not affected.
    const other = await createUser();
    expect((await signIn({ email: other.email, password: "correct-horse-battery", peer: randomAddress() })).status).toBe(200);
  });

  it("a correct password clears the account's failures", async () => {
    const user = await createUser();
    for (let i = 0; i < ACCOUNT_FAILURES_MAX - 1; i++) await signIn({ email: user.email, peer: randomAddress() });
    expect((await signIn({ email: user.email, password: "correct-horse-battery", peer: randomAddress() })).status).toBe(200);
    expect((await signIn({ email: user.email, peer: randomAddress() })).status).toBe(401);
    expect(await findAccountLockout({ email: user.email })).toBeNull();
  });
});

describe("limits shared across nodes through Redis", () => {
  const prefix = `plenary:test:rate:${uid()}:`;
  const connections: Redis[] = [];
  const node = () => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return createRedisRateLimitStore(redis, { prefix });
  };
  afterAll(async () => {
    const redis = connections[0]!;
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await Promise.all(connections.map((c) => c.quit()));
  });

  it("two web nodes count one address's sign-ins together", async () => {
    const [a, b] = [betterAuthRateLimitStorage(() => nodeA), betterAuthRateLimitStorage(() => nodeB)];
    const rule = { window: 60, max: 3 };
    expect((await a.consume("198.51.100.7|/sign-in/email", rule)).allowed).toBe(true);
    expect((await b.consume("198.51.100.7|/sign-in/email", rule)).allowed).toBe(true);
    expect((await a.consume("198.51.100.7|/sign-in/email", rule)).allowed).toBe(true);
    const refused = await b.consume("198.51.100.7|/sign-in/email", rule);
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.retryAfter).toBeLessThanOrEqual(60);
  });

  it("an account's failures on one node lock it on the other", async () => {
    const email = nobody();
    for (let i = 0; i < ACCOUNT_FAILURES_MAX; i++) await recordSignInResult({ email, succeeded: false, store: i % 2 ? nodeA : nodeB });
    expect(await findAccountLockout({ email, store: nodeA })).toBeGreaterThan(800);
    await recordSignInResult({ email, succeeded: true, store: nodeB });
    expect(await findAccountLockout({ email, store: nodeA })).toBeNull();
  });

  it("REDIS_URL makes the process's store the Redis one, under the deployment's prefix", async () => {
    const restore = overrideEnv({ REDIS_URL });
    try {
      const key = `probe-${uid()}`;
      await getRateLimitStore().hit(key, 10_000);
      expect(await connections[0]!.get(`${rateLimitKeyPrefix(env.DATABASE_URL)}${key}`)).toBe("1");
    } finally {
      restore();
    }
  });

  const nodeA = node();
  const nodeB = node();
});
