// One realtime node for the analytics tests: `tsx analytics-node.ts`, spawned with an IPC channel.
// Prints {"port":N} once it listens. Its heartbeat clock is the test's: {"clock": ms} over IPC
// sets it, so a test places heartbeats in the minutes it means, whatever the wall clock says.
import { configureAudience } from "@/server/audience";
import { configureAnalytics } from "@/server/analytics";
import { startRealtimeServer } from "@/server/realtime-server";

let clock = Date.now();
process.on("message", (message: { clock?: number }) => {
  if (typeof message.clock === "number") clock = message.clock;
  process.send?.({ clockSet: message.clock });
});
configureAudience({ presenceIntervalMs: 200, presenceTtlMs: 1500 });
configureAnalytics({ flushIntervalMs: 200, now: () => clock });
const server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
console.log(JSON.stringify({ port: server.port }));
process.on("SIGTERM", async () => {
  await server.drain().catch(() => {});
  await server.close().catch(() => {});
  process.exit(0);
});
