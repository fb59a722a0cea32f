import type http from "node:http";
import { metricsRegistry } from "@/lib/metrics/registry";
import { mayReadMetrics } from "@/lib/metrics/metrics-access";
import { resolveClientAddress } from "@/lib/security/client-address";

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** GET /metrics: this node's Prometheus metrics, for a scraper inside the deployment (lib/metrics/metrics-access.ts). */
export async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const allowed = mayReadMetrics({
    authorization: header(req, "authorization"),
    clientAddress: resolveClientAddress({ peer: req.socket.remoteAddress, forwardedFor: req.headers["x-forwarded-for"] }),
  });
  if (!allowed) {
    res.writeHead(403, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ error: { code: "FORBIDDEN", message: "Metrics are for the deployment's scraper (METRICS_TOKEN)" } }));
    return;
  }
  const registry = metricsRegistry();
  const body = await registry.metrics();
  res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
  res.end(body);
}
