import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Socket } from "socket.io-client";
import { parseEnv } from "@/lib/config/env";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { connectClient, createLiveTalkSetup, emitAck } from "./support/media-fixtures";

// This node runs no RTMP listener (like realtime-2 in docker-compose.yml); OBS goes to another one.
vi.hoisted(() => {
  process.env.RTMP_PORT = "0";
  process.env.RTMP_PUBLIC_URL = "rtmp://media.example.org:1936/live";
});

let server: RealtimeServer;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.close();
});

describe("the address OBS pushes to", () => {
  it("is the configured public RTMP URL whichever node answers, also when rotating the key", async () => {
    const { talk, speaker } = await createLiveTalkSetup();
    const studio = await connectClient(server.port, speaker.cookie);
    sockets.push(studio);
    expect(await emitAck(studio, "media:stream-key", { talkId: talk.id })).toMatchObject({ ok: true, rtmpUrl: "rtmp://media.example.org:1936/live" });
    expect(await emitAck(studio, "media:stream-key:rotate", { talkId: talk.id })).toMatchObject({
      ok: true,
      rtmpUrl: "rtmp://media.example.org:1936/live",
    });
  });

  it("defaults to PUBLIC_URL's host and RTMP_PORT on a single instance, and is null (RTMP off) with RTMP_PORT=0", () => {
    const base = { PUBLIC_URL: "https://conf.example.org", REALTIME_PUBLIC_URL: "https://live.example.org" };
    expect(parseEnv({ ...base }).RTMP_PUBLIC_URL).toBe("rtmp://conf.example.org/live");
    expect(parseEnv({ ...base, RTMP_PORT: "1936" }).RTMP_PUBLIC_URL).toBe("rtmp://conf.example.org:1936/live");
    expect(parseEnv({ ...base, RTMP_PORT: "0" }).RTMP_PUBLIC_URL).toBeNull();
    expect(parseEnv({ ...base, RTMP_PORT: "0", RTMP_PUBLIC_URL: "" }).RTMP_PUBLIC_URL).toBeNull();
    expect(parseEnv({ ...base, RTMP_PORT: "0", RTMP_PUBLIC_URL: "rtmps://obs.example.org/live/" }).RTMP_PUBLIC_URL).toBe(
      "rtmps://obs.example.org/live",
    );
    expect(() => parseEnv({ RTMP_PUBLIC_URL: "http://obs.example.org" })).toThrow(/RTMP_PUBLIC_URL: must be an rtmp/);
  });
});
