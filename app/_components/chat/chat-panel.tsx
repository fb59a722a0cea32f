"use client";
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { MESSAGE_MAX_LENGTH, REACTION_EMOJI, type ChatMessageView } from "@/lib/chat/schemas";
import { Button } from "../ui/button";
import { MessageText, mentionsName } from "./message-text";
import type { useChatRoom } from "./use-chat-room";

type Room = ReturnType<typeof useChatRoom>;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

function formatOffset(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function AuthorBadge({ badge }: { badge: ChatMessageView["author"]["badge"] }) {
  if (!badge) return null;
  return (
    <span
      className={`rounded-full px-1.5 py-px text-[10px] font-semibold uppercase tracking-wide ${
        badge === "organizer"
          ? "bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100"
          : "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300"
      }`}
    >
      {badge === "organizer" ? "Organizer" : "Speaker"}
    </span>
  );
}

function MessageItem({ message, room, replay }: { message: ChatMessageView; room: Room; replay: boolean }) {
  const { info, myReactions } = room;
  const [menu, setMenu] = useState<"react" | "moderate" | null>(null);
  const mine = info?.me?.id === message.author.id;
  const highlighted = !mine && mentionsName(message.body, info?.me?.name);
  const canDelete = !replay && (mine || info?.canModerate);
  const canSanction = !replay && !mine && info?.canModerate && message.author.badge !== "organizer";
  const run = async (event: string, payload: unknown) => {
    setMenu(null);
    const error = await room.act(event, payload);
    room.setError(error);
  };
  return (
    <li
      aria-label={`${message.author.name}: ${message.body}`}
      className={`group relative rounded-xl px-2 py-1.5 hover:bg-zinc-50 dark:hover:bg-zinc-800/60 ${highlighted ? "bg-amber-50 dark:bg-amber-500/10" : ""}`}
    >
      <div className="flex items-baseline gap-1.5 text-xs">
        <span className="font-semibold text-zinc-900 dark:text-zinc-100">{message.author.name}</span>
        <AuthorBadge badge={message.author.badge} />
        <time dateTime={message.createdAt} className="text-zinc-400">
          {replay && message.mediaOffsetMs !== null ? formatOffset(message.mediaOffsetMs) : timeFormat.format(new Date(message.createdAt))}
        </time>
      </div>
      <p className="text-sm text-zinc-800 dark:text-zinc-200">
        <MessageText body={message.body} myName={info?.me?.name} />
      </p>
      {message.reactions.length ? (
        <div className="mt-1 flex flex-wrap gap-1">
          {message.reactions.map((r) => (
            <button
              key={r.emoji}
              type="button"
              disabled={replay || !info?.canChat}
              onClick={() => void room.react(message.id, r.emoji)}
              aria-pressed={myReactions.has(`${message.id}|${r.emoji}`)}
              aria-label={`${r.emoji} ${r.count}`}
              className="rounded-full border border-zinc-200 px-1.5 text-xs aria-pressed:border-brand-500 aria-pressed:bg-brand-50 dark:border-zinc-700 dark:aria-pressed:bg-brand-500/15"
            >
              {r.emoji} {r.count}
            </button>
          ))}
        </div>
      ) : null}
      {!replay && (info?.canChat || canDelete) ? (
        <div className="absolute right-1 top-1 hidden gap-0.5 group-focus-within:flex group-hover:flex">
          {info?.canChat ? (
            <button
              type="button"
              className="rounded-lg px-1.5 text-xs text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700"
              aria-label={`React to ${message.author.name}'s message`}
              onClick={() => setMenu(menu === "react" ? null : "react")}
            >
              ☺
            </button>
          ) : null}
          {canDelete ? (
            <button
              type="button"
              className="rounded-lg px-1.5 text-xs text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-700"
              aria-label={`Moderate ${message.author.name}'s message`}
              onClick={() => setMenu(menu === "moderate" ? null : "moderate")}
            >
              ⋯
            </button>
          ) : null}
        </div>
      ) : null}
      {menu === "react" ? (
        <div role="menu" aria-label="Reactions" className="mt-1 flex flex-wrap gap-1">
          {REACTION_EMOJI.map((emoji) => (
            <button
              key={emoji}
              role="menuitem"
              type="button"
              className="rounded-lg px-1 text-base hover:bg-zinc-200 dark:hover:bg-zinc-700"
              onClick={() => {
                setMenu(null);
                void room.react(message.id, emoji);
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      ) : null}
      {menu === "moderate" ? (
        <div role="menu" aria-label="Moderation" className="mt-1 flex flex-wrap gap-1">
          <Button role="menuitem" size="sm" variant="danger" onClick={() => void run("chat:delete", { messageId: message.id })}>
            Delete message
          </Button>
          {canSanction ? (
            <>
              <Button
                role="menuitem"
                size="sm"
                variant="secondary"
                onClick={() => void run("chat:sanction", { room: roomRefOf(message), userId: message.author.id, kind: "MUTE", minutes: 10 })}
              >
                Mute 10 min
              </Button>
              {info?.canBan ? (
                <Button
                  role="menuitem"
                  size="sm"
                  variant="secondary"
                  onClick={() => void run("chat:sanction", { room: roomRefOf(message), userId: message.author.id, kind: "BAN" })}
                >
                  Ban from chat
                </Button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

const roomRefOf = (m: ChatMessageView) => (m.talkId ? { talkId: m.talkId } : { conferenceId: m.conferenceId });

/**
 * The message list and composer. Autoscroll follows new messages while the reader is at the
 * bottom and pauses when they scroll up ("N new messages" takes them back down).
 */
export function ChatPanel({
  room,
  replayMessages,
  label = "Chat messages",
}: {
  room: Room;
  replayMessages?: ChatMessageView[] | null;
  label?: string;
}) {
  const { info, messages, hasMore, error } = room;
  const replay = !!replayMessages;
  const shown = replayMessages ?? messages;
  const listRef = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const edges = useRef<{ first: string | null; last: string | null; height: number }>({ first: null, last: null, height: 0 });
  const [unseen, setUnseen] = useState(0);
  const [draft, setDraft] = useState("");

  const scrollToBottom = () => {
    const el = listRef.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(0);
  };

  useLayoutEffect(() => {
    const el = listRef.current;
    const before = edges.current;
    const first = shown[0]?.id ?? null;
    const last = shown.at(-1)?.id ?? null;
    // Messages newer than the last one shown before this render (not older pages loaded on top).
    let added = 0;
    if (before.last && last && last !== before.last) {
      for (let i = shown.length - 1; i >= 0 && BigInt(shown[i].id) > BigInt(before.last); i--) added++;
    }
    if (atBottom.current || replay) scrollToBottom();
    else {
      // "Load earlier" put messages above: keep what the reader was looking at in place.
      if (el && before.first && first !== before.first && last === before.last) el.scrollTop += el.scrollHeight - before.height;
      if (added > 0) setUnseen((n) => n + added);
    }
    edges.current = { first, last, height: el?.scrollHeight ?? 0 };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown[0]?.id, shown.at(-1)?.id, shown.length, replay]);

  useEffect(() => {
    if (!error) return;
    const t = setTimeout(() => room.setError(null), 6000);
    return () => clearTimeout(t);
  }, [error, room]);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (atBottom.current) setUnseen(0);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = draft.trim();
    if (!body) return;
    // Clear at once so the next message can be typed while this one is on its way; a failed
    // message comes back into the box (unless something new was typed meanwhile).
    setDraft("");
    const failure = await room.send(body);
    if (failure) {
      room.setError(failure);
      setDraft((current) => current || body);
    } else scrollToBottom();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  };

  const blocked = info?.sanction
    ? info.sanction.kind === "BAN"
      ? "You are banned from this conference's chat."
      : `You are muted until ${info.sanction.until ? timeFormat.format(new Date(info.sanction.until)) : "further notice"}.`
    : null;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="relative min-h-0 flex-1">
        <ol
          ref={listRef}
          onScroll={onScroll}
          aria-label={label}
          aria-live={replay ? "off" : "polite"}
          aria-relevant="additions"
          className="absolute inset-0 space-y-0.5 overflow-y-auto pr-1"
        >
          {!replay && hasMore ? (
            <li className="py-1 text-center">
              <button type="button" onClick={() => void room.loadEarlier()} className="text-xs font-medium text-brand-600 hover:underline">
                Load earlier messages
              </button>
            </li>
          ) : null}
          {shown.length === 0 ? (
            <li className="py-8 text-center text-sm text-zinc-500">
              {replay ? "No messages yet at this point of the talk." : "No messages yet. Say hello!"}
            </li>
          ) : null}
          {shown.map((m) => (
            <MessageItem key={m.id} message={m} room={room} replay={replay} />
          ))}
        </ol>
        {unseen > 0 && !replay ? (
          <button
            type="button"
            onClick={scrollToBottom}
            className="absolute bottom-2 left-1/2 -translate-x-1/2 rounded-full bg-brand-600 px-3 py-1 text-xs font-medium text-white shadow-lg hover:bg-brand-700"
          >
            {unseen} new {unseen === 1 ? "message" : "messages"} ↓
          </button>
        ) : null}
      </div>
      <div role="alert" aria-live="assertive" className="min-h-0 text-xs text-red-600">
        {error ? <p className="py-1">{error}</p> : null}
      </div>
      {replay ? null : !info ? (
        <p className="pt-2 text-sm text-zinc-500">{room.joinError ?? (room.connected ? "Joining chat…" : "Connecting…")}</p>
      ) : blocked ? (
        <p className="pt-2 text-sm text-zinc-500">{blocked}</p>
      ) : !info.canChat ? (
        <p className="pt-2 text-sm text-zinc-500">{info.me ? "Get a ticket to join the chat." : "Sign in to join the chat."}</p>
      ) : (
        <form onSubmit={submit} className="flex items-end gap-2 pt-2">
          <label htmlFor={`chat-input-${info.roomKey}`} className="sr-only">
            Message
          </label>
          <textarea
            id={`chat-input-${info.roomKey}`}
            rows={1}
            maxLength={MESSAGE_MAX_LENGTH}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={
              info.settings.slowModeSeconds > 0 && !info.canModerate
                ? `Slow mode: one message every ${info.settings.slowModeSeconds} s`
                : "Say something…"
            }
            className="max-h-32 min-h-10 flex-1 resize-none rounded-xl border border-zinc-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none dark:border-zinc-700 dark:bg-zinc-950"
          />
          <Button type="submit" disabled={!draft.trim()}>
            Send
          </Button>
        </form>
      )}
    </div>
  );
}
