import { z } from "zod";
import { env } from "@/lib/config/env";
import { probeDatabase } from "@/lib/db/probe-database";

export const dynamic = "force-dynamic";

// What a realtime node's /healthz says (server/health.ts); anything else is reported as unreachable.
const RealtimeHealth = z.object({ ok: z.boolean(), checks: z.record(z.string(), z.string()) });

async function probeRealtimeNode(url: string) {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000), cache: "no-store" });
    const body = RealtimeHealth.safeParse(await res.json().catch(() => null));
    if (!body.success) return { url, ok: false, state: `answered ${res.status} without a health report` };
    return { url, ok: res.ok && body.data.ok, state: res.ok && body.data.ok ? "ok" : "degraded", checks: body.data.checks };
  } catch {
    return { url, ok: false, state: "unreachable" };
  }
}

// GET /api/health — 200 when this app's database and every realtime node it knows
// (REALTIME_INTERNAL_URL) are healthy; 503 otherwise, saying which part is not. Used by
// docker-compose health checks and the e2e harness; each probe is one query or one request.
export async function GET() {
  const [database, realtime] = await Promise.all([probeDatabase(), Promise.all(env.REALTIME_INTERNAL_URLS.map(probeRealtimeNode))]);
  const ok = database === "ok" && realtime.every((node) => node.ok);
  return Response.json({ ok, checks: { database, realtime } }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
