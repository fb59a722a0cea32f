import { timingSafeEqual, createHash } from "node:crypto";
import { env } from "@/lib/config/env";
import { addressInNetworks } from "@/lib/security/client-address";

// Where a scraper inside the deployment sits: loopback, RFC 1918, unique-local IPv6.
const PRIVATE_NETWORKS = ["127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"];

function sameSecret(a: string, b: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Who may read /metrics (they name rooms, talks' ingest state and traffic; not for the public):
 * with METRICS_TOKEN, whoever presents it as a bearer token; without, a client at a private
 * address — the client as rate limits see it (lib/security/client-address.ts), so a visitor
 * relayed by the proxy is judged by their own address, not the proxy's.
 */
export function mayReadMetrics(request: { authorization?: string | null; clientAddress: string | null }): boolean {
  if (env.METRICS_TOKEN) {
    const presented = request.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    return presented !== undefined && sameSecret(presented, env.METRICS_TOKEN);
  }
  return !!request.clientAddress && addressInNetworks(request.clientAddress, PRIVATE_NETWORKS);
}
