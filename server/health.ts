import { probeDatabase } from "@/lib/db/probe-database";
import type { DomainEventRelay } from "./cluster/domain-events";
import type { Cluster } from "./cluster/redis-adapter";

export type CheckState = "ok" | "down" | "off";
export type RealtimeHealth = {
  ok: boolean;
  checks: { database: CheckState; listen: CheckState; redis: CheckState };
  sockets: number;
  draining?: true;
};

/**
 * What `/healthz` reports: the database (a query), the domain-event LISTEN connection and Redis
 * (their connection state, no round trip). Any of them down means this node is degraded: its
 * chat cannot persist, or it misses live/ended/schedule events, or it is cut off from the others.
 */
export async function checkRealtimeHealth(options: {
  relay: DomainEventRelay;
  cluster: Cluster;
  sockets: number;
  draining?: boolean;
}): Promise<RealtimeHealth> {
  // Being replaced: the proxy and the orchestrator must stop sending anyone here.
  if (options.draining) return { ok: false, checks: { database: "off", listen: "off", redis: "off" }, sockets: options.sockets, draining: true };
  const checks = {
    database: await probeDatabase(),
    listen: options.relay.listening() ? ("ok" as const) : ("down" as const),
    redis: options.cluster.state(),
  };
  const ok = Object.values(checks).every((state) => state !== "down");
  return { ok, checks, sockets: options.sockets };
}
