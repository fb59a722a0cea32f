import { prisma } from "@/lib/db/client";
import { env } from "@/lib/config/env";

export const dynamic = "force-dynamic";

// GET /api/health — 200 when the database and the realtime server both answer (used by
// docker-compose health checks and the e2e harness).
export async function GET() {
  const checks: Record<string, boolean> = { database: false, realtime: false };
  try {
    await prisma.$queryRaw`SELECT 1`;
    checks.database = true;
  } catch {}
  try {
    const res = await fetch(`${env.REALTIME_INTERNAL_URL}/healthz`, { signal: AbortSignal.timeout(2000) });
    checks.realtime = res.ok;
  } catch {}
  const ok = Object.values(checks).every(Boolean);
  return Response.json({ ok, checks }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
