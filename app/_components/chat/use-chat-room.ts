"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatBatchEvent, ChatMessageView, ChatRoomRef, ReactionEmoji, RoomSettingsView } from "@/lib/chat/schemas";
import type { SanctionChange } from "@/lib/chat/events";
import type { TalkPresenceView } from "@/lib/presence/events";
import type { ClientEventInput, ClientEventName } from "@/lib/realtime/events";
import { useRealtime } from "../realtime/use-realtime";
import { request } from "../realtime/request";
import { applyCatchUp, catchUpMessages, mergeMessages as merge } from "@/lib/chat/chat-timeline";

export type ChatRoomInfo = {
  roomKey: string;
  canChat: boolean;
  canModerate: boolean;
  canBan: boolean;
  sanction: { kind: "MUTE" | "BAN"; until: string | null } | null;
  settings: RoomSettingsView;
  me: { id: string; name: string } | null;
};

export type Presence = TalkPresenceView;

/**
 * One chat room's live state. Joins on connect; after a drop, socket.io's connection state
 * recovery replays what was missed, and when it cannot (other node, long absence) the room is
 * caught up from the last message id seen (lib/chat/chat-timeline.ts). Messages are keyed by id,
 * so nothing shows twice.
 */
export function useChatRoom(realtimeUrl: string, room: ChatRoomRef) {
  const { socket, connected } = useRealtime(realtimeUrl);
  const [messages, setMessages] = useState<ChatMessageView[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [info, setInfo] = useState<ChatRoomInfo | null>(null);
  const [presence, setPresence] = useState<Presence | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Why the room could not be opened (no ticket, signed out...): shown in place of the composer.
  const [joinError, setJoinError] = useState<string | null>(null);
  const [myReactions, setMyReactions] = useState<Set<string>>(new Set());
  // Deletions seen live, so views built from other lists (chat replay) drop them too.
  const [deletedIds, setDeletedIds] = useState<Set<string>>(new Set());
  const lastIdRef = useRef<string | null>(null);
  const roomJson = JSON.stringify(room);

  useEffect(() => {
    lastIdRef.current = messages.at(-1)?.id ?? lastIdRef.current;
  }, [messages]);

  useEffect(() => {
    if (!socket) return;
    const ref = JSON.parse(roomJson) as ChatRoomRef;
    let roomKey: string | null = null;
    let cancelled = false;

    const join = async () => {
      // The last message shown before the drop, read before rejoining: once joined, live messages
      // can arrive ahead of the join's answer, and catching up after those would leave a hole.
      const lastId = lastIdRef.current;
      const ack = await request(socket, "chat:join", { room: ref });
      if (cancelled) return;
      if (!ack.ok) {
        setJoinError(ack.error.message);
        // What the room allowed before (a reconnect as someone else, a revoked ticket) no longer holds.
        setInfo(null);
        return;
      }
      setJoinError(null);
      roomKey = ack.room.key;
      setInfo({
        roomKey: ack.room.key,
        canChat: ack.canChat,
        canModerate: ack.canModerate,
        canBan: ack.canBan,
        sanction: ack.sanction,
        settings: ack.settings,
        me: ack.me,
      });
      if (ack.presence) setPresence(ack.presence);
      if (lastId) {
        // Resume: everything after the last message we showed, page by page, now that the room's
        // live messages reach us again (the two overlap; ids keep each once).
        try {
          const caughtUp = await catchUpMessages({
            afterId: lastId,
            fetchPage: async (cursor) => {
              const page = await request(socket, "chat:history", { room: ref, ...cursor });
              if (!page.ok) throw new Error(page.error.message);
              return page;
            },
          });
          if (cancelled) return;
          setMessages((cur) => applyCatchUp(cur, caughtUp));
          if (caughtUp.dropBefore) setHasMore(true);
        } catch (failed) {
          if (cancelled) return;
          // Without the missed stretch, show the newest page alone rather than a list with a hole.
          setMessages(ack.messages);
          setHasMore(ack.hasMore);
          setError(`Some messages could not be loaded: ${(failed as Error).message}`);
        }
      } else {
        setMessages(ack.messages);
        setHasMore(ack.hasMore);
      }
    };

    const onConnect = () => {
      // Recovered sessions got their missed packets replayed and are still in their rooms.
      if (!socket.recovered) void join();
    };
    const onBatch = (events: ChatBatchEvent[]) => {
      const mine = events.filter((e) => (e.type === "message" ? e.message.roomKey : e.roomKey) === roomKey);
      if (!mine.length) return;
      const added = mine.flatMap((e) => (e.type === "message" ? [e.message] : []));
      const deleted = new Set(mine.flatMap((e) => (e.type === "delete" ? [e.messageId] : [])));
      const reactions = mine.flatMap((e) => (e.type === "reaction" ? [e] : []));
      if (deleted.size) setDeletedIds((cur) => new Set([...cur, ...deleted]));
      setMessages((cur) => {
        let next = merge(cur, added);
        if (deleted.size) next = next.filter((m) => !deleted.has(m.id));
        for (const r of reactions) {
          next = next.map((m) =>
            m.id !== r.messageId
              ? m
              : {
                  ...m,
                  reactions: [...m.reactions.filter((x) => x.emoji !== r.emoji), ...(r.count > 0 ? [{ emoji: r.emoji, count: r.count }] : [])],
                },
          );
        }
        return next;
      });
    };
    const onSettings = (settings: RoomSettingsView) => {
      if (settings.roomKey === roomKey) setInfo((i) => (i ? { ...i, settings } : i));
    };
    const onSanction = (s: SanctionChange) => {
      // A speaker's mute holds in their talk's room only.
      if (s.kind && s.talkId && !("talkId" in ref && ref.talkId === s.talkId)) return;
      setInfo((i) => (i ? { ...i, sanction: s.kind ? { kind: s.kind, until: s.until } : null } : i));
    };
    const onPresence = (p: Presence) => {
      if ("talkId" in ref && p.talkId === ref.talkId) setPresence(p);
    };

    socket.on("connect", onConnect);
    socket.on("chat:batch", onBatch);
    socket.on("chat:settings", onSettings);
    socket.on("chat:sanctioned", onSanction);
    socket.on("presence:update", onPresence);
    if (socket.connected) void join();
    return () => {
      cancelled = true;
      socket.off("connect", onConnect);
      socket.off("chat:batch", onBatch);
      socket.off("chat:settings", onSettings);
      socket.off("chat:sanctioned", onSanction);
      socket.off("presence:update", onPresence);
      socket.emit("chat:leave", { room: ref }, () => {});
    };
  }, [socket, roomJson]);

  const loadEarlier = useCallback(async () => {
    if (!socket || !messages.length) return;
    const ack = await request(socket, "chat:history", {
      room: JSON.parse(roomJson),
      beforeId: messages[0].id,
    });
    if (!ack.ok) return setError(ack.error.message);
    setMessages((cur) => [...ack.messages.filter((m) => !cur.some((c) => c.id === m.id)), ...cur]);
    setHasMore(ack.hasMore);
  }, [socket, messages, roomJson]);

  const send = useCallback(
    async (body: string): Promise<string | null> => {
      if (!socket) return "Not connected yet";
      const ack = await request(socket, "chat:send", { room: JSON.parse(roomJson), body });
      if (!ack.ok) return ack.error.message;
      setMessages((cur) => merge(cur, [ack.message]));
      return null;
    },
    [socket, roomJson],
  );

  const react = useCallback(
    async (messageId: string, emoji: ReactionEmoji) => {
      if (!socket) return;
      const key = `${messageId}|${emoji}`;
      const on = !myReactions.has(key);
      const ack = await request(socket, "chat:react", { messageId, emoji, on });
      if (!ack.ok) return setError(ack.error.message);
      setMyReactions((cur) => {
        const next = new Set(cur);
        if (on) next.add(key);
        else next.delete(key);
        return next;
      });
    },
    [socket, myReactions],
  );

  /** Any other chat event with an ack; returns the error message or null. */
  const act = useCallback(
    async <E extends ClientEventName>(event: E, input: ClientEventInput<E>): Promise<string | null> => {
      if (!socket) return "Not connected yet";
      const ack = await request(socket, event, input);
      return ack.ok ? null : ack.error.message;
    },
    [socket],
  );

  /** Deletes a message (own, or as a moderator); returns the error message or null. */
  const deleteMessage = useCallback(
    async (messageId: string): Promise<string | null> => {
      if (!socket) return "Not connected yet";
      const ack = await request(socket, "chat:delete", { messageId });
      if (!ack.ok) return ack.error.message;
      setMessages((cur) => cur.filter((m) => m.id !== ack.messageId));
      return null;
    },
    [socket],
  );

  return {
    socket,
    connected,
    messages,
    hasMore,
    info,
    presence,
    error,
    setError,
    joinError,
    myReactions,
    deletedIds,
    loadEarlier,
    send,
    react,
    act,
    deleteMessage,
  };
}
