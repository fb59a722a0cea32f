"use client";
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import type { useChatRoom } from "./use-chat-room";

type Room = ReturnType<typeof useChatRoom>;
const field = "h-8 rounded-lg border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950";

/** Room-wide powers: slow mode (room moderators); rate limit and announcement banner (organizers). */
export function ModerationTools({
  room,
  conferenceId,
  roomRef,
}: {
  room: Room;
  conferenceId: string;
  roomRef: { talkId: string } | { conferenceId: string };
}) {
  const { info } = room;
  const [status, setStatus] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [burst, setBurst] = useState(String(info?.settings.burst ?? 5));
  const [interval, setIntervalS] = useState(String((info?.settings.intervalMs ?? 2000) / 1000));
  if (!info?.canModerate) return null;

  const run = async (event: string, payload: unknown, done: string) => {
    const error = await room.act(event, payload);
    setStatus(error ?? done);
  };
  const announce = async (e: FormEvent) => {
    e.preventDefault();
    if (!announcement.trim()) return;
    await run("announcement:create", { conferenceId, body: announcement.trim() }, "Announcement sent");
    setAnnouncement("");
  };
  const saveLimit = async (e: FormEvent) => {
    e.preventDefault();
    await run("chat:rate-limit", { conferenceId, burst: Number(burst), intervalMs: Math.round(Number(interval) * 1000) }, "Rate limit saved");
  };

  return (
    <details className="rounded-xl border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
      <summary className="cursor-pointer font-medium">Moderation</summary>
      <div className="mt-2 space-y-3">
        <label className="flex items-center justify-between gap-2">
          <span>Slow mode</span>
          <select
            className={field}
            value={info.settings.slowModeSeconds}
            onChange={(e) => void run("chat:slow-mode", { room: roomRef, seconds: Number(e.target.value) }, "Slow mode updated")}
          >
            {[0, 5, 10, 30, 60, 120].map((s) => (
              <option key={s} value={s}>
                {s === 0 ? "Off" : `${s} s`}
              </option>
            ))}
          </select>
        </label>
        {info.canBan ? (
          <>
            <form onSubmit={saveLimit} className="space-y-1">
              <p className="font-medium">Rate limit (conference)</p>
              <div className="flex items-end gap-2">
                <label className="flex flex-col text-xs">
                  Burst
                  <input className={`${field} w-16`} type="number" min={1} max={100} value={burst} onChange={(e) => setBurst(e.target.value)} />
                </label>
                <label className="flex flex-col text-xs">
                  Then one every (s)
                  <input
                    className={`${field} w-20`}
                    type="number"
                    min={0.1}
                    step={0.1}
                    value={interval}
                    onChange={(e) => setIntervalS(e.target.value)}
                  />
                </label>
                <Button size="sm" variant="secondary" type="submit">
                  Save
                </Button>
              </div>
            </form>
            <form onSubmit={announce} className="space-y-1">
              <label className="flex flex-col gap-1">
                <span className="font-medium">Announcement to everyone</span>
                <input
                  className={field}
                  maxLength={300}
                  value={announcement}
                  onChange={(e) => setAnnouncement(e.target.value)}
                  placeholder="The keynote starts in 5 minutes"
                />
              </label>
              <div className="flex gap-2">
                <Button size="sm" type="submit">
                  Announce
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  type="button"
                  onClick={() => void run("announcement:clear", { conferenceId }, "Announcement removed")}
                >
                  Remove banner
                </Button>
              </div>
            </form>
          </>
        ) : null}
        <p role="status" className="text-xs text-zinc-500">
          {status}
        </p>
      </div>
    </details>
  );
}
