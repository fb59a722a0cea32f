import { rooms } from "@/lib/realtime/events";
import { openChatRoom } from "@/lib/chat/open-chat-room";
import { listMessages } from "@/lib/chat/list-messages";
import { listReplayMessages } from "@/lib/chat/list-replay-messages";
import { sendMessage } from "@/lib/chat/send-message";
import { reactToMessage } from "@/lib/chat/react-to-message";
import { deleteMessage } from "@/lib/chat/delete-message";
import { sanctionUser } from "@/lib/chat/sanction-user";
import { liftSanction } from "@/lib/chat/lift-sanction";
import { setSlowMode } from "@/lib/chat/set-slow-mode";
import { setRateLimit } from "@/lib/chat/set-rate-limit";
import { createAnnouncement } from "@/lib/chat/create-announcement";
import { clearAnnouncement } from "@/lib/chat/clear-announcement";
import { findCurrentAnnouncement } from "@/lib/chat/find-current-announcement";
import type { chatClientEvents } from "@/lib/chat/events";
import type { EventHandlers } from "../socket/dispatch";
import { realtimeMetrics } from "@/lib/metrics/realtime-metrics";
import { joinAccountRoom, modRoom, userIdOf, userOrThrow, type AudienceContext } from "./context";

/** Chat rooms: join with history, send, react, delete, and the moderators' powers. */
export const chatEvents = {
  "chat:join": async ({ room }, socket, ctx) => {
    const opened = await openChatRoom({ room, userId: userIdOf(socket) });
    await socket.join(opened.canModerate ? [opened.room.key, modRoom(opened.room.key)] : opened.room.key);
    await joinAccountRoom(socket);
    const presence = opened.room.talkId ? ctx.presence.current(opened.room.talkId, { anonymous: !socket.data.user }) : null;
    const me = socket.data.user ? { id: socket.data.user.id, name: socket.data.user.name } : null;
    return { ...opened, presence, me };
  },

  "chat:leave": async ({ room }, socket) => {
    const key = "talkId" in room ? rooms.talk(room.talkId) : `hallway:${room.conferenceId}`;
    // Leaving the talk room itself is talk:leave (it also carries status and presence).
    if (!("talkId" in room)) await socket.leave(key);
    await socket.leave(modRoom(key));
  },

  "chat:history": async (input, socket) => listMessages({ ...input, userId: userIdOf(socket) }),

  "chat:replay": async ({ talkId }, socket) => listReplayMessages({ talkId, userId: userIdOf(socket) }),

  "chat:send": async ({ room, body }, socket, ctx) => {
    const acceptedAt = performance.now();
    const user = userOrThrow(socket);
    const message = await sendMessage({ room, author: { id: user.id, name: user.name }, body });
    ctx.batcher.push(message.roomKey, { type: "message", message }, acceptedAt);
    realtimeMetrics.chatMessages.inc();
    return { message };
  },

  "chat:react": async (input, socket, ctx) => {
    const reaction = await reactToMessage({ ...input, userId: userOrThrow(socket).id });
    ctx.batcher.push(reaction.roomKey, { type: "reaction", ...reaction });
    return { reaction };
  },

  "chat:delete": async ({ messageId }, socket, ctx) => {
    const deleted = await deleteMessage({ messageId, userId: userOrThrow(socket).id });
    ctx.batcher.push(deleted.roomKey, { type: "delete", roomKey: deleted.roomKey, messageId: deleted.messageId });
    return deleted;
  },

  "chat:sanction": async (input, socket, ctx) => {
    const result = await sanctionUser({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(rooms.user(input.userId)).emit("chat:sanctioned", result.sanction);
    return result;
  },

  "chat:lift": async (input, socket, ctx) => {
    const result = await liftSanction({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(rooms.user(input.userId)).emit("chat:sanctioned", { conferenceId: input.conferenceId, userId: input.userId, kind: null, until: null });
    return result;
  },

  "chat:slow-mode": async (input, socket, ctx) => {
    const result = await setSlowMode({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(result.settings.roomKey).emit("chat:settings", result.settings);
    return result;
  },

  "chat:rate-limit": async (input, socket) => setRateLimit({ ...input, moderatorId: userOrThrow(socket).id }),

  "announcement:create": async (input, socket, ctx) => {
    const result = await createAnnouncement({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(rooms.conference(input.conferenceId)).emit("announcement", result.announcement);
    return result;
  },

  "announcement:clear": async (input, socket, ctx) => {
    const result = await clearAnnouncement({ ...input, moderatorId: userOrThrow(socket).id });
    ctx.io.to(rooms.conference(input.conferenceId)).emit("announcement", { conferenceId: input.conferenceId, cleared: true });
    return result;
  },

  // Public, like the banner itself; the caller joins the conference room with conference:join.
  "announcement:current": async ({ conferenceId }) => ({
    announcement: await findCurrentAnnouncement({ conferenceId }),
  }),
} satisfies EventHandlers<keyof typeof chatClientEvents, AudienceContext>;
