// One realtime node of a test cluster: `REDIS_URL=… DATABASE_URL=… tsx cluster-node.ts <port>`.
// Prints {"port":N} on stdout once it listens.
import { configureAudience } from "@/server/audience";
import { startRealtimeServer } from "@/server/realtime-server";

// CLUSTER_NODE_HOLD_BATCHES=1: a busy room's batch waits 10 s on this node (after the first three events), so a
// test can kill the node while messages it acknowledged are still waiting to be broadcast.
const hold = process.env.CLUSTER_NODE_HOLD_BATCHES === "1";
configureAudience({ presenceIntervalMs: 200, presenceTtlMs: 1500, ...(hold ? { batchCpuShare: 1e-9, batchMaxWindowMs: 10_000 } : {}) });
const server = await startRealtimeServer({ port: Number(process.argv[2] ?? 0), host: "127.0.0.1" });
console.log(JSON.stringify({ port: server.port }));
process.on("SIGTERM", async () => {
  // As server/main.ts does: a SIGTERM is a graceful replacement.
  await server.drain().catch(() => {});
  await server.close().catch(() => {});
  process.exit(0);
});
