import { describe, expect, expectTypeOf, it } from "vitest";
import type { Socket as ClientSocket } from "socket.io-client";
import {
  clientEvents,
  type ClientEventAck,
  type ClientEventInput,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@/lib/realtime/events";
import type { ChatMessageView } from "@/lib/chat/schemas";
import type { EventHandlers } from "@/server/socket/dispatch";
import type { PlenaryServer } from "@/server/socket/types";
import { request } from "@/app/_components/realtime/request";
import { createDispatcher } from "@/server/socket/dispatch";

// The contract is checked by the compiler: `npm test` runs tsc over the repository, so every
// `@ts-expect-error` below fails the suite when the line it marks compiles (an event renamed in
// lib/*/events.ts without its callers, a payload that no longer matches...). These functions are
// never called: only their types matter.

type BrowserSocket = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

export async function browserSide(socket: BrowserSocket) {
  const sent = await request(socket, "chat:send", { room: { talkId: "t" }, body: "hello" });
  if (sent.ok) expectTypeOf(sent.message).toEqualTypeOf<ChatMessageView>();

  // @ts-expect-error an event name that is not in the contract
  await request(socket, "chat:sendd", { room: { talkId: "t" }, body: "hello" });
  // @ts-expect-error a payload of the wrong shape
  await request(socket, "chat:send", { talkId: "t", body: "hello" });
  const joined = await request(socket, "talk:join", { talkId: "t" });
  // @ts-expect-error the ack carries `talk`, not `media`
  if (joined.ok) void joined.media;

  socket.on("chat:batch", (events) => expectTypeOf(events).toBeArray());
  // @ts-expect-error a listener for an event the server never sends
  socket.on("chat:message", () => {});
  // @ts-expect-error a listener expecting another payload
  socket.on("talk:status", (event: { slug: string }) => event);
  // @ts-expect-error emitting an undeclared event on the typed socket
  socket.emit("chat:whisper", {}, () => {});
}

export function serverSide(io: PlenaryServer) {
  io.to("room").emit("presence:count", { talkId: "t", count: 1 });
  // @ts-expect-error the server cannot emit an undeclared event
  io.to("room").emit("presence:total", { talkId: "t", count: 1 });
  // @ts-expect-error nor a declared one with the wrong payload
  io.to("room").emit("presence:count", { talkId: "t" });

  const handlers = {
    // @ts-expect-error the ack must carry what the contract says (here `talk`)
    "talk:join": async () => ({ ok: true }),
    "talk:leave": async () => {},
    "conference:join": async () => ({ talk: null }),
  } satisfies EventHandlers<"talk:join" | "talk:leave" | "conference:join">;

  const misnamed = {
    // @ts-expect-error a handler table cannot answer an event outside the contract
    "talk:joinn": async () => {},
  } satisfies Partial<EventHandlers<"talk:join">>;
  return [handlers, misnamed];
}

describe("the realtime contract", () => {
  it("types what the browser sends and what the ack carries from one declaration", () => {
    expectTypeOf<ClientEventInput<"chat:send">>().toEqualTypeOf<{ room: { talkId: string } | { conferenceId: string }; body: string }>();
    expectTypeOf<ClientEventAck<"chat:send">>().toEqualTypeOf<{ message: ChatMessageView }>();
    // Binary goes out as an ArrayBuffer and is parsed into a Buffer on the server.
    expectTypeOf<ClientEventInput<"media:chunk">["data"]>().toEqualTypeOf<ArrayBuffer | Uint8Array>();
  });

  it("refuses to start when a contract event has no handler", () => {
    expect(() => createDispatcher([])).toThrow(/No feature handles the socket event/);
    expect(Object.keys(clientEvents)).toContain("chat:send");
  });

  it("refuses to start when two features handle the same event", () => {
    const leave = async () => {};
    expect(() => createDispatcher([{ "talk:leave": leave }, { "talk:leave": leave }])).toThrow(/Two features handle the socket event talk:leave/);
  });
});
