import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/config/env";
import { createLogger, prettyDestination } from "@/lib/logging/logger";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { configureAudience } from "@/server/audience";
import { chatCast, clientPool, collectChat, emit } from "../chat/helpers";

/** The value of one sample line of a Prometheus text exposition (labels as written by prom-client). */
function sample(text: string, name: string, labels = ""): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ""} `));
  return line ? Number(line.split(" ").at(-1)) : null;
}

describe("a realtime node's /metrics (real server, real sockets, real PostgreSQL)", () => {
  let server: RealtimeServer;
  let url: string;
  let cast: Awaited<ReturnType<typeof chatCast>>;
  const pool = clientPool(() => url);

  beforeAll(async () => {
    configureAudience({});
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${server.port}`;
    cast = await chatCast();
  });
  afterAll(async () => {
    pool.closeAll();
    await server.close();
  });

  it("counts sockets, chat messages, acks, broadcasts, the database pool and HTTP requests", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const bob = await pool.open(cast.bob.cookie);
    const room = { talkId: cast.fx.talks.webTalk.id };
    await emit(alice, "chat:join", { room });
    await emit(bob, "chat:join", { room });
    const inbox = collectChat(bob);
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await emit(alice, "chat:send", { room, body: `metric ${i}` }));
    expect(sent.every((a) => a.ok)).toBe(true);
    await inbox.waitFor((events) => events.filter((e) => e.type === "message").length === 3);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(sample(text, "plenary_socket_connections")).toBeGreaterThanOrEqual(2);
    expect(sample(text, "plenary_socket_rooms")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "plenary_chat_messages_total")).toBeGreaterThanOrEqual(3);
    expect(sample(text, "plenary_socket_event_duration_seconds_count", 'event="chat:send",outcome="ok"')).toBeGreaterThanOrEqual(3);
    expect(sample(text, "plenary_chat_delivery_seconds_count")).toBeGreaterThanOrEqual(3);
    expect(sample(text, "plenary_chat_broadcast_batch_events_count")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "plenary_chat_broadcast_flush_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "plenary_db_pool_connections", 'state="idle"')).not.toBeNull();
    expect(sample(text, "plenary_live_ingests")).toBe(0);
    expect(sample(text, "plenary_http_request_duration_seconds_count", 'method="GET",route="healthz",status="200"')).toBeGreaterThanOrEqual(1);
    // Process metrics come along (event-loop lag, GC, memory).
    expect(text).toContain("nodejs_eventloop_lag_p99_seconds");

    // A refused chat event is counted as an error, not as a success.
    const refused = await emit(alice, "chat:send", { room, body: "" });
    expect(refused.ok).toBe(false);
    const after = await (await fetch(`${url}/metrics`)).text();
    expect(sample(after, "plenary_socket_event_duration_seconds_count", 'event="chat:send",outcome="error"')).toBeGreaterThanOrEqual(1);
  });

  it("is refused through the proxy (X-Forwarded-For) and, with METRICS_TOKEN, without the bearer token", async () => {
    const viaProxy = await fetch(`${url}/metrics`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(viaProxy.status).toBe(403);
    expect(await viaProxy.json()).toMatchObject({ error: { code: "FORBIDDEN" } });

    const restore = overrideEnv({ METRICS_TOKEN: "scrape-token-0123456789" });
    try {
      expect((await fetch(`${url}/metrics`)).status).toBe(403);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789" } })).status).toBe(403);
      const scraped = await fetch(`${url}/metrics`, {
        headers: { authorization: "Bearer scrape-token-0123456789", "x-forwarded-for": "203.0.113.9" },
      });
      expect(scraped.status).toBe(200);
    } finally {
      restore();
    }
  });
});

describe("logs", () => {
  it("are JSON lines with their context for a collector", () => {
    const lines: string[] = [];
    const log = createLogger({ format: "json", level: "info", destination: { write: (line: string) => void lines.push(line) } });
    log.child({ socketId: "s-1", event: "chat:send" }).error({ err: new Error("boom") }, "socket ack failed");
    log.debug("not at info level");
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: 50,
      msg: "socket ack failed",
      socketId: "s-1",
      event: "chat:send",
      err: { message: "boom", type: "Error" },
    });
    expect(entry.err.stack).toContain("Error: boom");
    expect(typeof entry.time).toBe("number");
  });

  it("are one readable line each under npm start (LOG_FORMAT=pretty), with an error's stack", () => {
    const out: string[] = [];
    const log = createLogger({ format: "pretty", level: "info", destination: prettyDestination((text) => void out.push(text)) });
    log.warn({ talkId: "t1", code: 1 }, "ffmpeg exited, restarting");
    log.error({ err: new Error("disk full") }, "segment not written");
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}ffmpeg exited, restarting talkId=t1 code=1\n$/);
    expect(out[1]).toMatch(/ERROR segment not written\nError: disk full\n\s+at /);
  });
});
