import { metricsRegistry } from "@/lib/metrics/registry";
import { mayReadMetrics } from "@/lib/metrics/metrics-access";
import { clientAddressOfRequest } from "@/lib/security/client-address";
import "@/lib/metrics/http-metrics";
import "@/lib/metrics/database-pool-metrics";

export const dynamic = "force-dynamic";

// GET /metrics — the web process's Prometheus metrics (HTTP durations, database pool, process),
// for the deployment's scraper only (lib/metrics/metrics-access.ts).
export async function GET(request: Request) {
  const allowed = mayReadMetrics({ authorization: request.headers.get("authorization"), clientAddress: clientAddressOfRequest(request.headers) });
  if (!allowed) {
    return Response.json(
      { error: { code: "FORBIDDEN", message: "Metrics are for the deployment's scraper (METRICS_TOKEN)" } },
      { status: 403, headers: { "cache-control": "no-store" } },
    );
  }
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType, "cache-control": "no-store" } });
}
