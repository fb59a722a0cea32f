// Preloaded into the web server (`node --import ./scripts/web/stamp-peer-address.mjs …/next start`).
// Next.js route handlers see headers but not the TCP peer, and rate limits must key on the peer
// (lib/security/client-address.ts decides how far X-Forwarded-For is believed). Before Next sees a
// request, this writes the peer into x-plenary-peer-address, replacing whatever the client sent
// under that name, and marks the process so the header is believed only where this ran.
import http from "node:http";

const HEADER = "x-plenary-peer-address";
const stamped = Symbol.for("plenary.stampedRequest");
globalThis[Symbol.for("plenary.peerAddressStamped")] = true;

function stamp(req) {
  if (req[stamped]) return;
  req[stamped] = true;
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === HEADER) raw.splice(i, 2);
  const peer = req.socket && req.socket.remoteAddress;
  if (peer) {
    req.headers[HEADER] = peer;
    raw.push(HEADER, peer);
  } else delete req.headers[HEADER];
}

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if ((event === "request" || event === "upgrade" || event === "checkContinue") && req && req.headers) stamp(req);
  return emit.call(this, event, req, ...rest);
};

// Every request's duration, in the process's Prometheus registry (served by app/metrics/route.ts;
// prom-client is a server-external package, so Next's handlers see this same registry). The
// metric is the one lib/metrics/http-metrics.ts declares; whichever loads first registers it.
const { default: promClient } = await import("prom-client");
const requestDuration =
  promClient.register.getSingleMetric("plenary_http_request_duration_seconds") ??
  new promClient.Histogram({
    name: "plenary_http_request_duration_seconds",
    help: "HTTP requests by method, route group and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

/** Few label values: API routes by their first segment, Next's assets, and pages. */
function routeGroup(url) {
  const path = (url ?? "/").split("?")[0];
  if (path.startsWith("/api/")) return `/api/${path.split("/")[2] ?? ""}`;
  if (path.startsWith("/_next/")) return "/_next";
  if (path === "/metrics") return "/metrics";
  return "page";
}

const timedEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res, ...rest) {
  if (event === "request" && res && typeof res.once === "function") {
    const end = requestDuration.startTimer({ method: req.method ?? "GET", route: routeGroup(req.url) });
    res.once("finish", () => end({ status: String(res.statusCode) }));
  }
  return timedEmit.call(this, event, req, res, ...rest);
};
