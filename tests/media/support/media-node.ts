// One realtime node of a media test cluster: `tsx media-node.ts <rtmpPort>` with REDIS_URL,
// DATABASE_URL and MEDIA_DIR in the environment (shared by the nodes). Prints {"port":N} once it listens.
import { startRealtimeServer } from "@/server/realtime-server";

const server = await startRealtimeServer({ port: 0, host: "127.0.0.1", rtmpPort: Number(process.argv[2]) });
console.log(JSON.stringify({ port: server.port }));
process.on("SIGTERM", async () => {
  // As server/main.ts does: a SIGTERM is a graceful replacement.
  await server.drain().catch(() => {});
  await server.close().catch(() => {});
  process.exit(0);
});
