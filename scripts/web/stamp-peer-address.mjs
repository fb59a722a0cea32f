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
