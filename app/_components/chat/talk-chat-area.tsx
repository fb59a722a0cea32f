"use client";
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import type { ChatMessageView } from "@/lib/chat/schemas";
import { ChatPanel } from "./chat-panel";
import { ModerationTools } from "./moderation-tools";
import { PollsPanel } from "./polls-panel";
import { QaPanel } from "./qa-panel";
import { request } from "../realtime/request";
import { useChatRoom, type Presence } from "./use-chat-room";

export type TalkChatAreaProps = {
  talk: { id: string; conferenceId: string; status: "SCHEDULED" | "LIVE" | "ENDED" };
  viewer: { userId: string | null; name: string | null; canChat: boolean; canModerate: boolean };
  realtimeUrl: string;
  /**
   * Where the player is on the talk's media timeline (ms) and whether it is at the live edge.
   * Optional: the player may instead dispatch `plenary:playback` on window (see PlaybackEvent).
   */
  playbackPositionMs?: number;
  playbackLive?: boolean;
};

/**
 * The player's position, dispatched on `window` on every timeupdate/seek:
 *   window.dispatchEvent(new CustomEvent("plenary:playback", { detail: { talkId, positionMs, live } }))
 * `live: false` (a recording, or scrubbed back during a live talk) switches the chat to replay.
 */
export type PlaybackEvent = CustomEvent<{ talkId: string; positionMs: number; live: boolean }>;

type Playback = { positionMs: number; live: boolean };
type Tab = "chat" | "qa" | "polls";
const TABS: { id: Tab; label: string }[] = [
  { id: "chat", label: "Chat" },
  { id: "qa", label: "Q&A" },
  { id: "polls", label: "Polls" },
];

function formatOffset(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function byMediaOffset(a: ChatMessageView, b: ChatMessageView): number {
  const at = a.mediaOffsetMs ?? Number.MAX_SAFE_INTEGER;
  const bt = b.mediaOffsetMs ?? Number.MAX_SAFE_INTEGER;
  return at - bt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function usePlayback(talkId: string, position?: number, live?: boolean): Playback | null {
  const [fromEvent, setFromEvent] = useState<Playback | null>(null);
  useEffect(() => {
    const onPlayback = (event: Event) => {
      const detail = (event as PlaybackEvent).detail;
      if (!detail || detail.talkId !== talkId || typeof detail.positionMs !== "number") return;
      setFromEvent((cur) =>
        cur && cur.live === !!detail.live && Math.abs(cur.positionMs - detail.positionMs) < 250
          ? cur
          : { positionMs: detail.positionMs, live: !!detail.live },
      );
    };
    window.addEventListener("plenary:playback", onPlayback);
    return () => window.removeEventListener("plenary:playback", onPlayback);
  }, [talkId]);
  if (typeof position === "number") return { positionMs: position, live: live ?? false };
  return fromEvent;
}

function PresenceBar({ presence }: { presence: Presence | null }) {
  const count = presence?.count ?? 0;
  const names = presence?.users.map((u) => u.name) ?? [];
  return (
    <details className="group text-xs text-zinc-600 dark:text-zinc-400">
      <summary className="flex cursor-pointer list-none items-center gap-1.5" aria-live="polite">
        <span className="h-2 w-2 rounded-full bg-emerald-500" aria-hidden="true" />
        <span data-testid="watching-count">{count} watching</span>
      </summary>
      {names.length ? (
        <ul aria-label="Who is here" className="mt-1 flex max-h-24 flex-wrap gap-1 overflow-y-auto">
          {names.map((n, i) => (
            <li key={`${n}-${i}`} className="rounded-full bg-zinc-100 px-2 py-0.5 dark:bg-zinc-800">
              {n}
            </li>
          ))}
          {count > names.length ? <li className="px-1 py-0.5">+{count - names.length} more</li> : null}
        </ul>
      ) : null}
    </details>
  );
}

/** The room around a talk: live chat (with replay on the recording), Q&A, polls and presence. */
export default function TalkChatArea({ talk, viewer, realtimeUrl, playbackPositionMs, playbackLive }: TalkChatAreaProps) {
  const [tab, setTab] = useState<Tab>("chat");
  const baseId = useId();
  const room = useChatRoom(realtimeUrl, { talkId: talk.id });
  const { info, socket } = room;
  const playback = usePlayback(talk.id, playbackPositionMs, playbackLive);
  const [followLive, setFollowLive] = useState(false);
  const [replayAll, setReplayAll] = useState<ChatMessageView[] | null>(null);
  const replaying = !!playback && !playback.live && !followLive;

  // Entering replay loads the talk's chat laid on the media timeline (once per entry).
  useEffect(() => {
    if (!replaying || !socket) return;
    let cancelled = false;
    void request(socket, "chat:replay", { talkId: talk.id }).then((ack) => {
      if (!cancelled && ack.ok) setReplayAll(ack.messages);
    });
    return () => {
      cancelled = true;
    };
  }, [replaying, socket, talk.id]);
  useEffect(() => {
    if (playback?.live) setFollowLive(false);
  }, [playback?.live]);

  const position = playback?.positionMs ?? 0;
  const replayShown = useMemo(() => {
    if (!replaying || !replayAll) return null;
    // Behind a live talk (scrubbed back, catching up), messages said since the replay was loaded
    // arrive as live ones: they join the replay, so it fills in as playback nears the live edge.
    const known = new Set(replayAll.map((m) => m.id));
    const since = room.messages.filter((m) => m.mediaOffsetMs !== null && !known.has(m.id));
    const all = since.length ? [...replayAll, ...since].sort(byMediaOffset) : replayAll;
    // Deleted messages are gone from the replay too.
    return all.filter((m) => (m.mediaOffsetMs ?? Infinity) <= position && !room.deletedIds.has(m.id));
  }, [replaying, replayAll, room.messages, position, room.deletedIds]);

  const onTabKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    if (e.key === "ArrowRight") setTab(TABS[(i + 1) % TABS.length].id);
    if (e.key === "ArrowLeft") setTab(TABS[(i + TABS.length - 1) % TABS.length].id);
  };

  const canChat = info?.canChat ?? viewer.canChat;
  const canModerate = info?.canModerate ?? viewer.canModerate;

  return (
    <section
      aria-label="Talk chat"
      className="flex h-full min-h-[28rem] flex-col gap-2 rounded-2xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-center justify-between gap-2">
        <div role="tablist" aria-label="Talk interaction" className="flex gap-1 rounded-xl bg-zinc-100 p-1 dark:bg-zinc-800" onKeyDown={onTabKey}>
          {TABS.map((t) => (
            <button
              key={t.id}
              role="tab"
              type="button"
              id={`${baseId}-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`${baseId}-panel-${t.id}`}
              tabIndex={tab === t.id ? 0 : -1}
              onClick={() => setTab(t.id)}
              className="rounded-lg px-3 py-1 text-sm font-medium text-zinc-600 aria-selected:bg-white aria-selected:text-zinc-900 aria-selected:shadow-sm dark:text-zinc-400 dark:aria-selected:bg-zinc-900 dark:aria-selected:text-zinc-100"
            >
              {t.label}
            </button>
          ))}
        </div>
        <PresenceBar presence={room.presence} />
      </div>

      {tab === "chat" ? (
        <div role="tabpanel" id={`${baseId}-panel-chat`} aria-labelledby={`${baseId}-tab-chat`} className="flex min-h-0 flex-1 flex-col gap-2">
          {replaying ? (
            <div
              role="status"
              className="flex items-center justify-between gap-2 rounded-xl bg-brand-50 px-3 py-1.5 text-xs text-brand-700 dark:bg-brand-500/15 dark:text-brand-100"
            >
              <span>
                Chat replay at <span data-testid="replay-position">{formatOffset(position)}</span>
              </span>
              <button type="button" className="font-medium underline" onClick={() => setFollowLive(true)}>
                {talk.status === "LIVE" ? "Back to live chat" : "Show all messages"}
              </button>
            </div>
          ) : null}
          <ChatPanel room={room} replayMessages={replaying ? (replayShown ?? []) : null} label={replaying ? "Chat replay" : "Chat messages"} />
          <ModerationTools room={room} conferenceId={talk.conferenceId} roomRef={{ talkId: talk.id }} />
        </div>
      ) : null}
      {tab === "qa" ? (
        <div role="tabpanel" id={`${baseId}-panel-qa`} aria-labelledby={`${baseId}-tab-qa`} className="flex min-h-0 flex-1 flex-col">
          <QaPanel socket={socket} talkId={talk.id} canAsk={canChat} canModerate={canModerate} myId={viewer.userId} />
        </div>
      ) : null}
      {tab === "polls" ? (
        <div role="tabpanel" id={`${baseId}-panel-polls`} aria-labelledby={`${baseId}-tab-polls`} className="flex min-h-0 flex-1 flex-col">
          <PollsPanel socket={socket} talkId={talk.id} canVote={canChat} canModerate={canModerate} />
        </div>
      ) : null}
    </section>
  );
}
