import net from "node:net";
import { env } from "@/lib/config/env";

// Who is asking, by network address, for rate limits: the one rule for the web app (better-auth)
// and the realtime server (socket handshakes). X-Forwarded-For is anyone's to write, so it counts
// only when the connection itself comes from a proxy we trust (TRUSTED_PROXIES): then the client
// is the rightmost address in the chain that is not one of our proxies. Otherwise it is the peer.

/** Set by scripts/web/stamp-peer-address.mjs (preloaded into the web server): the TCP peer, never the client's own header. */
export const PEER_ADDRESS_HEADER = "x-plenary-peer-address";
/** What the auth route hands better-auth: the resolved client address, one value. */
export const CLIENT_ADDRESS_HEADER = "x-plenary-client-address";
const PEER_STAMPED = Symbol.for("plenary.peerAddressStamped");

type Network = { bytes: Uint8Array; prefix: number };

/** "::ffff:10.0.0.1" and "10.0.0.1" are one address; IPv6 in its full lower-case form. */
export function normalizeAddress(address: string): string | null {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  const candidate = mapped ? mapped[1]! : trimmed;
  if (net.isIPv4(candidate)) return candidate;
  if (net.isIPv6(candidate)) return expandIPv6(candidate).join(":");
  return null;
}

function expandIPv6(address: string): string[] {
  let text = address.toLowerCase().replace(/%.*$/, "");
  // A trailing dotted quad ("::ffff:1.2.3.4" in another spelling) becomes two groups.
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, quad.index) + ((a << 8) | b).toString(16) + ":" + ((c << 8) | d).toString(16);
  }
  const [left, right] = text.includes("::") ? text.split("::") : [text, undefined];
  const head = left ? left.split(":") : [];
  const tail = right ? right.split(":") : [];
  const middle = right === undefined ? [] : Array(8 - head.length - tail.length).fill("0");
  return [...head, ...middle, ...tail].map((g) => g.padStart(4, "0"));
}

function toBytes(address: string): Uint8Array | null {
  const normal = normalizeAddress(address);
  if (!normal) return null;
  if (net.isIPv4(normal)) return Uint8Array.from(normal.split(".").map(Number));
  const bytes = new Uint8Array(16);
  normal.split(":").forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}

/** "10.0.0.0/8", "::1", "fd00::/8" -> a network; null when it is not one (refused at boot by env.ts). */
export function parseNetwork(text: string): Network | null {
  const [address, prefixText, extra] = text.trim().split("/");
  if (extra !== undefined || !address) return null;
  const bytes = toBytes(address);
  if (!bytes) return null;
  const bits = bytes.length * 8;
  if (prefixText === undefined) return { bytes, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return null;
  return { bytes, prefix: Number(prefixText) };
}

function inNetwork(bytes: Uint8Array, network: Network): boolean {
  if (bytes.length !== network.bytes.length) return false;
  let bits = network.prefix;
  for (let i = 0; i < bytes.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (network.bytes[i]! & mask)) return false;
  }
  return true;
}

/** Whether an address lies in one of the networks (addresses or CIDR ranges). */
export function addressInNetworks(address: string, networks: readonly string[]): boolean {
  const normalized = normalizeAddress(address);
  const bytes = normalized ? toBytes(normalized) : null;
  if (!bytes) return false;
  return networks.map(parseNetwork).some((network) => network !== null && inNetwork(bytes, network));
}

export type ClientAddressInput = {
  /** The TCP peer of this connection; null when unknown (then nothing forwarded is believed either). */
  peer: string | null | undefined;
  /** X-Forwarded-For as received: one header value or several (repeated headers). */
  forwardedFor?: string | string[] | null;
  /** Trusted proxies as addresses or CIDR ranges; default: TRUSTED_PROXIES. */
  trustedProxies?: readonly string[];
};

/**
 * The client's address: the peer, unless the peer is a trusted proxy; then the rightmost
 * X-Forwarded-For entry that is not a trusted proxy (the leftmost when every entry is ours).
 * Null when nothing can be known (no peer).
 */
export function resolveClientAddress(input: ClientAddressInput): string | null {
  const peer = input.peer ? normalizeAddress(input.peer) : null;
  if (!peer) return null;
  const trusted = (input.trustedProxies ?? env.TRUSTED_PROXIES).map(parseNetwork).filter((n): n is Network => n !== null);
  const isTrusted = (address: string) => {
    const bytes = toBytes(address);
    return bytes !== null && trusted.some((network) => inNetwork(bytes, network));
  };
  if (!isTrusted(peer)) return peer;
  const header = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(",") : (input.forwardedFor ?? "");
  const chain = header
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(chain[i]!);
    // Garbage in the chain was written by someone we do not trust: stop at the last hop we can vouch for.
    if (!hop) return client;
    client = hop;
    if (!isTrusted(hop)) return hop;
  }
  return client;
}

/** Whether this process runs the web server with the peer-address preload (so PEER_ADDRESS_HEADER is ours, not the client's). */
export function peerAddressIsStamped(): boolean {
  return (globalThis as Record<symbol, unknown>)[PEER_STAMPED] === true;
}

let warnedUnstamped = false;

/** The client address of a web request (route handlers): from the stamped peer and X-Forwarded-For. */
export function clientAddressOfRequest(headers: Headers): string | null {
  if (!peerAddressIsStamped()) {
    if (!warnedUnstamped) {
      warnedUnstamped = true;
      console.warn(
        "[plenary] the web server runs without scripts/web/stamp-peer-address.mjs: rate limits cannot tell clients apart (start it with `npm start` or `node --import ./scripts/web/stamp-peer-address.mjs …`)",
      );
    }
    return null;
  }
  return resolveClientAddress({ peer: headers.get(PEER_ADDRESS_HEADER), forwardedFor: headers.get("x-forwarded-for") });
}

/** The client address of a socket.io connection, from its handshake. */
export function clientAddressOfHandshake(handshake: { address: string; headers: Record<string, string | string[] | undefined> }): string | null {
  return resolveClientAddress({ peer: handshake.address, forwardedFor: handshake.headers["x-forwarded-for"] });
}
