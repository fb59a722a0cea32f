import http from "node:http";
import { Server } from "socket.io";
import { env, getDatabaseUrl } from "@/lib/config/env";
import { forgetChatAccess } from "@/lib/chat/get-chat-room-access";
import { authenticateSocket } from "./socket/authenticate";
import { SessionWatch, type SessionWatchOptions } from "./socket/session-watch";
import { SOCKET_FRAME_LIMIT } from "./socket/frame-limits";
import { createDispatcher } from "./socket/dispatch";
import { talkRoomEvents } from "./socket/talk-rooms";
import type { PlenaryServer, PlenarySocket } from "./socket/types";
import { joinCluster } from "./cluster/redis-adapter";
import { relayDomainEvents, type DomainEventRelay } from "./cluster/domain-events";
import { checkRealtimeHealth } from "./health";
import type { HttpRoute } from "./feature-module";
import { featureModules } from "./modules";
import { allowedOrigins } from "@/lib/security/allowed-origins";
import { findOriginProblem } from "@/lib/security/check-request-origin";
import { httpRequestDuration } from "@/lib/metrics/http-metrics";
import { readRealtimeGaugesFrom } from "@/lib/metrics/realtime-metrics";
import { metricsRegistry } from "@/lib/metrics/registry";
import { serveMetrics } from "./metrics-route";
import { logger } from "@/lib/logging/logger";

export type RealtimeServer = {
  io: PlenaryServer;
  port: number;
  /**
   * Graceful replacement (SIGTERM): stop taking connections and events, answer those in flight,
   * hand live ingests over, then close every socket's connection so its client reconnects — to
   * another node behind the proxy — and resumes there. `close()` afterwards.
   */
  drain: () => Promise<void>;
  close: () => Promise<void>;
};

/** How long a draining node waits for the events it accepted to be answered. */
const DRAIN_EVENTS_MS = 10_000;

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The realtime process: socket.io (chat, presence, status, media ingest) plus a small HTTP side. */
export async function startRealtimeServer(
  options: {
    port?: number;
    host?: string;
    /** OBS/RTMP ingest port; default RTMP_PORT. */
    rtmpPort?: number;
    /** Where the domain-event LISTEN connection goes; default DATABASE_URL (tests put a fault-injecting proxy between). */
    listenDatabaseUrl?: string;
    /** Tests shorten how often sockets' sessions are re-checked. */
    sessions?: Partial<SessionWatchOptions>;
  } = {},
): Promise<RealtimeServer> {
  const origins = allowedOrigins();
  const routes: HttpRoute[] = [];
  let relay: DomainEventRelay | null = null;
  let draining: Promise<void> | null = null;
  metricsRegistry();
  const httpServer = http.createServer(async (req, res) => {
    // Timed per route group; socket.io's own requests (long-polling) are not ours to time.
    const timer = req.url?.startsWith("/socket.io/") ? null : httpRequestDuration.startTimer({ method: req.method ?? "GET" });
    let routeName = "unknown";
    if (timer) res.once("finish", () => timer({ route: routeName, status: String(res.statusCode) }));
    const origin = req.headers.origin;
    if (origin && origins.includes(origin)) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("access-control-allow-credentials", "true");
      res.setHeader("vary", "origin");
    }
    // CORS preflight for the HTTP side (uploads send their real content type).
    if (req.method === "OPTIONS" && !(req.url ?? "").startsWith("/socket.io/")) {
      res.writeHead(origin && origins.includes(origin) ? 204 : 403, {
        "access-control-allow-methods": "GET, HEAD, POST, PUT, DELETE",
        "access-control-allow-headers": "content-type",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const url = new URL(req.url ?? "/", "http://realtime.local");
    if (url.pathname === "/metrics" && (req.method === "GET" || req.method === "HEAD")) {
      routeName = "metrics";
      await serveMetrics(req, res);
      return;
    }
    if (url.pathname === "/healthz") {
      routeName = "healthz";
      const health = relay
        ? await checkRealtimeHealth({ relay, cluster, sockets: io.engine.clientsCount, draining: draining !== null })
        : { ok: false, checks: { listen: "down" }, sockets: 0 }; // still starting
      res.writeHead(health.ok ? 200 : 503, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify(health));
      return;
    }
    for (const route of routes) {
      if (route.method !== req.method && !(route.method === "GET" && req.method === "HEAD")) continue;
      const match = url.pathname.match(route.path);
      if (!match) continue;
      routeName = route.name;
      // The one origin rule of the web routes (lib/security/check-request-origin.ts) for every
      // state-changing route here (uploads): a page elsewhere cannot post with the user's cookie.
      const originProblem = findOriginProblem({
        method: req.method ?? "GET",
        origin: req.headers.origin,
        secFetchSite: header(req, "sec-fetch-site"),
        allowed: origins,
      });
      if (originProblem) {
        res.writeHead(403, { "content-type": "application/json", "cache-control": "no-store", connection: "close" });
        res.end(JSON.stringify({ error: { code: "FORBIDDEN", message: originProblem } }));
        req.resume();
        return;
      }
      try {
        await route.handler(req, res, match, url);
      } catch (error) {
        logger.error({ err: error, route: route.name, url: req.url }, "realtime HTTP route failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "INTERNAL", message: "Something went wrong on our side" } }));
      }
      return;
    }
    // socket.io answers its own path; everything else is unknown.
    if (!url.pathname.startsWith("/socket.io/")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found" } }));
    }
  });

  const io: PlenaryServer = new Server(httpServer, {
    cors: { origin: origins, credentials: true },
    // Per packet; a talk's publisher gets more for its media chunks (server/socket/frame-limits.ts).
    maxHttpBufferSize: SOCKET_FRAME_LIMIT,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
    // The cookie rides along on any page's WebSocket to us (no CORS for WebSockets): only our own
    // pages (the same origins as CORS above) may open one. A request without Origin is let in: browsers always send it on WebSocket
    // handshakes and on cross-origin requests, so it is no page riding a visitor's cookie but a
    // client of its own (tests, scripts) that has to present its own credentials.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      const allowed = !origin || origins.includes(origin);
      callback(allowed ? null : "Origin not allowed", allowed);
    },
  });

  // Server-wide first: rooms across nodes (Redis), then the features built on them.
  const cluster = await joinCluster(io, env.REDIS_URL);
  const modules = featureModules({ rtmpPort: options.rtmpPort });
  const features = [];
  for (const m of modules) features.push((await m.setup({ io, routes, cluster })).events);
  const sessions = new SessionWatch({ sweepIntervalMs: 30_000, checkTtlMs: 5_000, ...options.sessions });
  sessions.start();
  const dispatch = createDispatcher([talkRoomEvents, ...features], { beforeEvent: (socket) => sessions.assertLive(socket) });
  const leaving = modules.flatMap((m) => (m.onDisconnect ? [m.onDisconnect] : []));
  // Shared by every socket (socket.io calls it with the socket as `this`): no closure per connection.
  function onDisconnect(this: PlenarySocket) {
    sessions.untrack(this);
    for (const left of leaving) left(this);
  }

  readRealtimeGaugesFrom({ sockets: () => io.engine.clientsCount, rooms: () => io.of("/").adapter.rooms.size });

  io.use((socket, next) => void authenticateSocket(socket, next));
  io.on("connection", (socket) => {
    socket.onAny(dispatch);
    sessions.track(socket);
    socket.on("disconnect", onDisconnect);
  });

  relay = await relayDomainEvents({
    io,
    databaseUrl: options.listenDatabaseUrl ?? getDatabaseUrl(),
    onEvent: (event) => {
      if (event.type === "session:ended") sessions.endSession(event.sessionId);
      if (event.type === "access:changed") {
        // Cached rights of every account are a few seconds old at most; after a loss, none are kept.
        forgetChatAccess();
        sessions.dropAccount(event.userId);
      }
      for (const m of modules) m.onDomainEvent?.(event);
    },
  });

  const port = options.port ?? env.REALTIME_PORT;
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, options.host ?? "0.0.0.0", () => resolve());
  });
  const address = httpServer.address();
  const boundPort = typeof address === "object" && address ? address.port : port;

  let closing: Promise<void> | null = null;
  return {
    io,
    port: boundPort,
    drain: () =>
      (draining ??= (async () => {
        httpServer.close(); // no new connections; open ones stay until told below
        // Bounded: a handler stuck on an unreachable database must not keep the node forever.
        await Promise.race([dispatch.drain(), new Promise((resolve) => setTimeout(resolve, DRAIN_EVENTS_MS))]);
        for (const m of modules) await m.drain?.();
        // Closing the transport (not a socket.io disconnect, which clients take as final) makes
        // every client reconnect on its own, with its usual back-off, and resume its rooms.
        for (const socket of io.of("/").sockets.values()) socket.conn.close();
        logger.info({ sockets: io.engine.clientsCount }, "drained: clients told to reconnect elsewhere");
      })()),
    // Once: a second io.close() would make the Redis adapter unsubscribe on a connection already quit.
    close: () =>
      (closing ??= (async () => {
        for (const m of modules) await m.close?.();
        sessions.close();
        await relay?.close();
        io.close();
        // (Already closed by drain(): the callback then reports "not running", which is fine.)
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        // The adapter still publishes while io.close() disconnects everyone: Redis goes last.
        await cluster.close();
      })()),
  };
}
