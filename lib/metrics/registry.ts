import { collectDefaultMetrics, register, type Registry } from "prom-client";

/**
 * The process's Prometheus registry: prom-client's default one, so the web process's preload
 * (scripts/web/stamp-peer-address.mjs times every request) and Next's route handlers fill the same
 * registry (prom-client is a server-external package, one module instance). Process metrics
 * (CPU, memory, event-loop lag, GC) are collected once per process.
 */
export function metricsRegistry(): Registry {
  const marker = Symbol.for("plenary.defaultMetrics");
  const global = globalThis as Record<symbol, unknown>;
  if (!global[marker]) {
    global[marker] = true;
    collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 10 });
  }
  return register;
}
