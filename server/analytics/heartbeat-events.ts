import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { assertCan } from "@/lib/permissions/get-viewer";
import { AppError } from "@/lib/errors/app-error";
import type { analyticsClientEvents } from "@/lib/analytics/events";
import type { EventHandlers } from "../socket/dispatch";
import type { AnalyticsContext } from "./context";

// How long a socket's right to watch a talk is trusted before it is checked again: a heartbeat
// every 30 s from thousands of viewers should not be a query each.
const ACCESS_TTL_MS = 60_000;

export const heartbeatEvents = {
  "viewing:heartbeat": async ({ talkId, mode }, socket, ctx) => {
    const now = ctx.now();
    const key = `${socket.id}\u0000${talkId}`;
    // A player sends one every ~30 s; a burst of four covers a seek, a reload of the stream, a
    // mode change. More is a client misbehaving.
    const wait = ctx.limiter.take(key, 4, 10_000, now);
    if (wait > 0) throw new AppError("RATE_LIMITED", `Too many heartbeats; wait ${Math.ceil(wait / 1000)} s`);
    let talks = ctx.access.get(socket.id);
    let access = talks?.get(talkId);
    if (!access || access.until < now) {
      const { talk, viewer } = await getTalkAccessOrThrow({ talkId, userId: socket.data.user?.id ?? null });
      assertCan(viewer, "talk:watch", talk);
      access = { until: now + ACCESS_TTL_MS, ended: talk.status === "ENDED" };
      if (!talks) ctx.access.set(socket.id, (talks = new Map()));
      talks.set(talkId, access);
    }
    // Once a talk has ended, whatever the player calls it, what is watched is the recording.
    const stored = access.ended ? "REPLAY" : mode === "live" ? "LIVE" : mode === "premiere" ? "PREMIERE" : "REPLAY";
    // Signed-in viewers count once across tabs and nodes; an anonymous one per connection.
    const viewerKey = socket.data.user ? `u:${socket.data.user.id}` : `a:${socket.id}`;
    ctx.buffer.add({ talkId, mode: stored, viewerKey, at: now });
    return { counted: true };
  },
} satisfies EventHandlers<keyof typeof analyticsClientEvents, AnalyticsContext>;
