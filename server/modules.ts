import type http from "node:http";
import type { Server } from "socket.io";
import type { PlenarySocket } from "./socket/handle";
import { mediaModule } from "./media/media-module";
import { chatModule } from "./chat";

export type HttpRoute = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: RegExp;
  handler: (req: http.IncomingMessage, res: http.ServerResponse, match: RegExpMatchArray, url: URL) => Promise<void>;
};

/** A feature of the realtime server (chat, media...): its socket events and HTTP routes. */
export type FeatureModule = {
  name: string;
  setup?: (ctx: { io: Server; routes: HttpRoute[] }) => Promise<void> | void;
  onConnection?: (ctx: { io: Server; socket: PlenarySocket }) => void;
  close?: () => Promise<void> | void;
};

// Feature modules register here (one line each). Options not given come from lib/config.
export function featureModules(options: { rtmpPort?: number } = {}): FeatureModule[] {
  return [chatModule(), mediaModule({ rtmpPort: options.rtmpPort })];
}
