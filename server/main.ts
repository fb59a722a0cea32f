import { startRealtimeServer } from "./realtime-server";
import { logUnhandledRejections } from "./log-unhandled-rejections";

// Entry point of the realtime process (`npm run realtime`, or started by `npm start`).
logUnhandledRejections();
const server = await startRealtimeServer();
console.log(`Plenary realtime server listening on :${server.port}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.close().catch((error) => console.error(error));
    process.exit(0);
  });
}
