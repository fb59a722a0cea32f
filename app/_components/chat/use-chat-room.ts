"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { ChatBatchEvent, ChatMessageView, ChatRoomRef, RoomSettingsView } from "@/lib/chat/schemas";
import { useRealtime, type RealtimeSocket } from "../realtime/use-realtime";

export type ChatRoomInfo = {
  roomKey: string;
  canChat: boolean;
  canModerate: boolean;
  canBan: boolean;
  sanction: { kind: "MUTE" | "BAN"; until: string | null } | null;
  settings: RoomSettingsView;
  me: { id: string; name: string } | null;
};

export type Presence = { talkId: string; count: number; users: { id: string; name: string }[] };

type AckError = { ok: false; error: { code: string; message: string } };
export type AckResult<T> = ({ ok: true } & T) | AckError;

// Older messages beyond this are dropped from memory; "load earlier" fetches them again.
const KEEP = 500;

export async function request<T>(socket: RealtimeSocket, event: string, payload: unknown): Promise<AckResult<T>> {
  try {
    return (await socket.timeout(10_000).emitWithAck(event, payload)) as AckResult<T>;
  } catch {
    return { ok: false, error: { code: "UNAVAILABLE", message: "The chat server did not answer. Try again." } };
  }
}

const byId = (a: ChatMessageView, b: ChatMessageView) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

function merge(current: ChatMessageView[], incoming: ChatMessageView[]): ChatMessageView[] {
  if (!incoming.length) return current;
  const map = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) map.set(m.id, m);
  const all = [...map.values()].sort(byId);
  return all.length > KEEP ? all.slice(all.length - KEEP) : all;
}

/**
 * One chat room's live state. Joins on connect; after a drop, socket.io's connection state
 * recovery replays what was missed, and when it cannot (other node, long absence) the room is
 * resumed from the last message id seen. Messages are keyed by id, so nothing shows twice.
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
      const ack = await request<{
        room: { key: string };
        canChat: boolean;
        canModerate: boolean;
        canBan: boolean;
        sanction: ChatRoomInfo["sanction"];
        settings: RoomSettingsView;
        me: ChatRoomInfo["me"];
        messages: ChatMessageView[];
        hasMore: boolean;
        presence: Presence | null;
      }>(socket, "chat:join", { room: ref });
      if (cancelled) return;
      if (!ack.ok) {
        setJoinError(ack.error.message);
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
      const lastId = lastIdRef.current;
      if (lastId) {
        // Resume: everything after the last message we showed, in order, then the fresh page.
        const missed = await request<{ messages: ChatMessageView[] }>(socket, "chat:history", { room: ref, afterId: lastId, limit: 200 });
        if (!cancelled && missed.ok) setMessages((cur) => merge(cur, missed.messages));
        setMessages((cur) => merge(cur, ack.messages));
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
    const onSanction = (s: { conferenceId?: string; kind: "MUTE" | "BAN" | null; until: string | null }) => {
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
    const ack = await request<{ messages: ChatMessageView[]; hasMore: boolean }>(socket, "chat:history", {
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
      const ack = await request<{ message: ChatMessageView }>(socket, "chat:send", { room: JSON.parse(roomJson), body });
      if (!ack.ok) return ack.error.message;
      setMessages((cur) => merge(cur, [ack.message]));
      return null;
    },
    [socket, roomJson],
  );

  const react = useCallback(
    async (messageId: string, emoji: string) => {
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
    async (event: string, payload: unknown): Promise<string | null> => {
      if (!socket) return "Not connected yet";
      const ack = await request(socket, event, payload);
      if (!ack.ok) return ack.error.message;
      if (event === "chat:delete") {
        const id = (payload as { messageId: string }).messageId;
        setMessages((cur) => cur.filter((m) => m.id !== id));
      }
      return null;
    },
    [socket],
  );

  return { socket, connected, messages, hasMore, info, presence, error, setError, joinError, myReactions, deletedIds, loadEarlier, send, react, act };
}
