// npm run bench:checkout — 200 attendees check out at the same moment, three times:
//   1. with a discount code limited to 50 uses      -> exactly 50 redemptions expected
//   2. for a ticket type with a quota of 100         -> exactly 100 sold expected
//   3. for an unlimited ticket type (all succeed)    -> throughput on one hot ticket-type row
// Each checkout is the real checkout service (lib/tickets/check-out.ts, the one POST /api/checkout
// calls) on real PostgreSQL with a pool of parallel connections (BENCH_POOL, default 20).
// Prints as its LAST line: {"code_limit","redemptions","quota","sold","checkouts_per_s","p99_ms"}.
//   checkouts_per_s: completed orders per second in run 3 (every checkout takes a seat on the
//                    same row, the worst case for lock contention);
//   p99_ms:          99th percentile latency of a checkout over all 600 attempts.
// Uses DATABASE_URL's server when set, else the embedded PostgreSQL; works in a scratch
// database that it drops at the end.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { ensureDatabase } from "../scripts/db/embedded-postgres";
import { migrateDeploy } from "../scripts/db/migrate";

const ATTENDEES = 200;
const CODE_LIMIT = 50;
const QUOTA = 100;
const POOL = Number(process.env.BENCH_POOL ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const server = await ensureDatabase();
  const scratch = `plenary_bench_${process.pid}`;
  const adminUrl = server.url;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  await migrateDeploy(url.toString(), { stdio: "ignore" });
  // The checkout service runs in this process, on the scratch database with a pool of POOL.
  const { overrideEnv } = await import("@/lib/config/env");
  overrideEnv({ DATABASE_URL: url.toString(), DATABASE_POOL_MAX: String(POOL) });
  const { prisma } = await import("@/lib/db/client");
  const { checkOut } = await import("@/lib/tickets/check-out");
  const { noPaymentProvider } = await import("@/lib/payments/payment-provider");
  const { CheckoutInput } = await import("@/lib/tickets/schemas");

  try {
    const conference = await prisma.conference.create({
      data: { slug: "bench", name: "Bench", timeZone: "UTC", startsOn: new Date("2027-01-01"), endsOn: new Date("2027-01-02") },
    });
    // A fresh crowd per run: an attendee may hold only one unpaid order at a time.
    const crowd = async (run: string) => {
      const people = Array.from({ length: ATTENDEES }, (_, i) => ({
        id: randomUUID(),
        name: `Attendee ${i}`,
        email: `${run}-${i}@bench.test`,
        emailVerified: true,
      }));
      await prisma.user.createMany({ data: people });
      return people;
    };
    const type = (name: string, quota: number | null) =>
      prisma.ticketType.create({ data: { conferenceId: conference.id, name, priceCents: 10_000, quota } });
    const open = await type("Open", null);
    const limited = await type("Limited", QUOTA);
    const unlimited = await type("Unlimited", null);
    const code = await prisma.discountCode.create({
      data: { conferenceId: conference.id, code: "BENCH50", kind: "PERCENT", value: 50, maxRedemptions: CODE_LIMIT },
    });

    const latencies: number[] = [];
    async function run(ticketTypeId: string, discountCode?: string) {
      const users = await crowd(ticketTypeId);
      const started = performance.now();
      const outcomes = await Promise.allSettled(
        users.map(async (user) => {
          const t0 = performance.now();
          try {
            return await checkOut({
              conferenceId: conference.id,
              user,
              input: CheckoutInput.parse({ ticketTypeId, quantity: 1, discountCode }),
              returnBaseUrl: "http://localhost:3000",
              provider: noPaymentProvider,
            });
          } finally {
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const elapsedMs = performance.now() - started;
      const failures = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
      const unexpected = failures.filter((f) => f.reason?.code !== "CONFLICT");
      if (unexpected.length) throw unexpected[0].reason;
      return { ok: outcomes.length - failures.length, refused: failures.length, elapsedMs };
    }

    // Warm-up (connections, JIT), on a type of its own so the measured runs start clean.
    const warm = await type("Warm-up", null);
    await prisma.discountCode.create({ data: { conferenceId: conference.id, code: "WARM", kind: "PERCENT", value: 10, maxRedemptions: POOL } });
    for (const discountCode of [undefined, "warm", "warm"]) {
      const warmCrowd = await crowd(`warm-${Math.random()}`);
      await Promise.allSettled(
        warmCrowd.slice(0, POOL).map((user) =>
          checkOut({
            conferenceId: conference.id,
            user,
            input: CheckoutInput.parse({ ticketTypeId: warm.id, discountCode }),
            returnBaseUrl: "http://localhost:3000",
            provider: noPaymentProvider,
          }),
        ),
      );
    }

    const withCode = await run(open.id, "bench50");
    const withQuota = await run(limited.id);
    const throughput = await run(unlimited.id);

    const redemptions = (await prisma.discountCode.findUniqueOrThrow({ where: { id: code.id } })).redemptions;
    const sold = (await prisma.ticketType.findUniqueOrThrow({ where: { id: limited.id } })).sold;
    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      code_limit: CODE_LIMIT,
      redemptions,
      quota: QUOTA,
      sold,
      checkouts_per_s: Math.round((throughput.ok / throughput.elapsedMs) * 1000 * 10) / 10,
      p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
    };
    console.log(
      `runs (200 concurrent each, pool ${POOL}): code ${withCode.ok} ok/${withCode.refused} refused in ${withCode.elapsedMs.toFixed(0)} ms; ` +
        `quota ${withQuota.ok}/${withQuota.refused} in ${withQuota.elapsedMs.toFixed(0)} ms; ` +
        `unlimited ${throughput.ok}/${throughput.refused} in ${throughput.elapsedMs.toFixed(0)} ms; ` +
        `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`,
    );
    console.log(JSON.stringify(result));
  } finally {
    await prisma.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
