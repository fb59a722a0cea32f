import { probeDatabase } from "@/lib/db/probe-database";

export const dynamic = "force-dynamic";

// GET /api/health/ready — this web process can serve pages: its database answers (Kubernetes
// readiness). Realtime nodes are not its concern here: they have their own probes, and /api/health
// reports the whole deployment.
export async function GET() {
  const database = await probeDatabase();
  const ok = database === "ok";
  return Response.json({ ok, checks: { database } }, { status: ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}
