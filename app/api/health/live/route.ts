export const dynamic = "force-dynamic";

// GET /api/health/live — the web process answers (Kubernetes liveness, the image's HEALTHCHECK).
// Nothing else is checked: a database or realtime outage must not get healthy web pods restarted.
export function GET() {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
