import type http from "node:http";
import type { DomainEvent } from "@/lib/realtime/notify";
import type { Cluster } from "./cluster/redis-adapter";
import type { SocketEvents } from "./socket/dispatch";
import type { PlenaryServer, PlenarySocket } from "./socket/types";

// The shape of a feature of the realtime server. It imports no feature, so features and the
// list that registers them (server/modules.ts) can all depend on it without a circle.

export type HttpRoute = {
  /** The route's name in metrics (plenary_http_request_duration_seconds{route}). */
  name: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: RegExp;
  handler: (req: http.IncomingMessage, res: http.ServerResponse, match: RegExpMatchArray, url: URL) => Promise<void>;
};

/** What the realtime server gives a feature when it starts. */
export type FeatureSetup = { io: PlenaryServer; routes: HttpRoute[]; cluster: Cluster };

/**
 * A feature of the realtime server (audience, media): the socket events it answers (through the
 * one dispatcher, server/socket/dispatch.ts), its HTTP routes, and what it starts and stops.
 */
export type FeatureModule = {
  name: string;
  setup: (ctx: FeatureSetup) => Promise<{ events: SocketEvents }>;
  /** A socket went away (called through one listener shared by every socket). */
  onDisconnect?: (socket: PlenarySocket) => void;
  /** The node is being replaced, before its sockets are told to go: hand over what others can continue (live ingests). */
  drain?: () => Promise<void> | void;
  /** A domain event from any process (server/cluster/domain-events.ts). */
  onDomainEvent?: (event: DomainEvent) => void;
  close?: () => Promise<void> | void;
};
