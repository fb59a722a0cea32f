import { startRealtimeServer } from "./realtime-server";
import { logUnhandledRejections } from "./log-unhandled-rejections";
import { logger } from "@/lib/logging/logger";

// Entry point of the realtime process (`npm run realtime`, or started by `npm start`).
logUnhandledRejections();
const server = await startRealtimeServer();
logger.info(`Plenary realtime server listening on :${server.port}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // SIGTERM is an orchestrator replacing this node: hand clients and live talks to the others first.
    if (signal === "SIGTERM")
      await server.drain().catch((error: unknown) => logger.error({ err: error }, "the realtime server did not drain cleanly"));
    await server.close().catch((error: unknown) => logger.error({ err: error }, "the realtime server did not close cleanly"));
    process.exit(0);
  });
}
