"use client";
import { useEffect, useId, useState, type FormEvent, type MouseEvent } from "react";
import type { ChapterView } from "@/lib/chapters/schemas";
import { CHAPTER_TITLE_MAX } from "@/lib/chapters/schemas";
import { parseTimeInput, startTimeParam } from "@/lib/talks/start-time";
import { Button } from "../ui/button";
import { inputClass } from "../ui/form";
import { formatTime } from "./format-time";
import { chapterAt } from "./player-timeline";
import { errorMessageOf } from "./use-player-extras";

type Props = { talkId: string; chapters: ChapterView[]; canEdit: boolean; onChanged: () => Promise<void> };

/** Where the player is, from its `plenary:playback` events (seconds), for "current chapter" and "Use current position". */
function usePlayerPosition(talkId: string): number | null {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const onPlayback = (event: Event) => {
      const detail = (event as CustomEvent<{ talkId: string; positionMs: number }>).detail;
      if (detail?.talkId === talkId && typeof detail.positionMs === "number") setSeconds(Math.floor(detail.positionMs / 1000));
    };
    window.addEventListener("plenary:playback", onPlayback);
    return () => window.removeEventListener("plenary:playback", onPlayback);
  }, [talkId]);
  return seconds;
}

/** A chapter's `?t=` link: opens the talk there; on this page, seeks the player instead of reloading. */
function ChapterLink({ talkId, chapter }: { talkId: string; chapter: ChapterView }) {
  const href = `?t=${startTimeParam(chapter.offsetSeconds)}`;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return; // new tab: follow the link
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set("t", startTimeParam(chapter.offsetSeconds));
    window.history.replaceState(window.history.state, "", url);
    window.dispatchEvent(new CustomEvent("plenary:seek", { detail: { talkId, seconds: chapter.offsetSeconds } }));
  };
  return (
    <a
      href={href}
      onClick={onClick}
      className="group flex min-w-0 flex-1 items-baseline gap-3 rounded-lg px-2 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800"
    >
      <span className="w-14 shrink-0 text-right font-mono text-xs tabular-nums text-brand-700 group-hover:underline dark:text-brand-300">
        {formatTime(chapter.offsetSeconds)}
      </span>
      <span className="min-w-0 break-words">{chapter.title}</span>
    </a>
  );
}

function ChapterForm({
  initial,
  position,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial?: ChapterView;
  position: number | null;
  submitLabel: string;
  onSubmit: (value: { title: string; offsetSeconds: number }) => Promise<string | null>;
  onCancel?: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [start, setStart] = useState(initial ? formatTime(initial.offsetSeconds) : "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const offsetSeconds = parseTimeInput(start);
    if (offsetSeconds === undefined) return setError("Give the start as 1:30, 90 or 1m30s");
    if (!title.trim()) return setError("Give the chapter a title");
    setBusy(true);
    const failure = await onSubmit({ title, offsetSeconds });
    setBusy(false);
    setError(failure);
    if (!failure && !initial) {
      setTitle("");
      setStart("");
    }
  };

  return (
    <form onSubmit={submit} className="space-y-2" aria-label={initial ? `Edit chapter ${initial.title}` : "Add a chapter"}>
      <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_8rem]">
        <div className="space-y-1">
          <label htmlFor={`${id}-title`} className="block text-xs font-medium">
            Chapter title
          </label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={CHAPTER_TITLE_MAX}
            onChange={(e) => setTitle(e.currentTarget.value)}
            className={inputClass}
            placeholder="Why HLS?"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={`${id}-start`} className="block text-xs font-medium">
            Starts at
          </label>
          <input
            id={`${id}-start`}
            value={start}
            onChange={(e) => setStart(e.currentTarget.value)}
            className={inputClass}
            placeholder="1:30"
            inputMode="numeric"
            aria-describedby={`${id}-hint`}
          />
        </div>
      </div>
      <p id={`${id}-hint`} className="sr-only">
        Minutes and seconds, like 1:30
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" size="sm" disabled={busy}>
          {submitLabel}
        </Button>
        {position !== null ? (
          <Button type="button" size="sm" variant="secondary" onClick={() => setStart(formatTime(position))}>
            Use current position ({formatTime(position)})
          </Button>
        ) : null}
        {onCancel ? (
          <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The talk's chapters under the player: a list linking each to its `?t=`, the current one marked,
 * and for the talk's speakers and organizers, an editor (add during or after the talk, edit, delete).
 */
export function TalkChapters({ talkId, chapters, canEdit, onChanged }: Props) {
  const headingId = useId();
  const position = usePlayerPosition(talkId);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!chapters.length && !canEdit) return null;
  const current = position === null ? null : chapterAt(chapters, position);
  const base = `/api/talks/${encodeURIComponent(talkId)}/chapters`;

  const save = async (method: "POST" | "PATCH", url: string, value: { title: string; offsetSeconds: number }) => {
    const response = await fetch(url, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
    if (!response.ok) return errorMessageOf(response, "The chapter could not be saved");
    await onChanged();
    return null;
  };
  const remove = async (chapter: ChapterView) => {
    setError(null);
    const response = await fetch(`${base}/${chapter.id}`, { method: "DELETE" });
    if (!response.ok) setError(await errorMessageOf(response, "The chapter could not be deleted"));
    else await onChanged();
  };

  return (
    <section
      aria-labelledby={headingId}
      data-testid="talk-chapters"
      className="space-y-3 rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={headingId} className="font-semibold">
          Chapters
        </h2>
        {chapters.length ? (
          <a href={`${base.replace(/\/chapters$/, "/chapters.vtt")}`} className="text-xs text-zinc-500 hover:underline" download>
            Download as WebVTT
          </a>
        ) : null}
      </div>
      {chapters.length ? (
        <ol aria-label="Chapters" className="space-y-0.5 text-sm">
          {chapters.map((chapter) => (
            <li
              key={chapter.id}
              aria-current={current?.id === chapter.id ? "true" : undefined}
              className="rounded-lg aria-[current=true]:bg-brand-50 dark:aria-[current=true]:bg-brand-500/15"
            >
              {editing === chapter.id ? (
                <div className="p-2">
                  <ChapterForm
                    initial={chapter}
                    position={position}
                    submitLabel="Save chapter"
                    onCancel={() => setEditing(null)}
                    onSubmit={async (value) => {
                      const failure = await save("PATCH", `${base}/${chapter.id}`, value);
                      if (!failure) setEditing(null);
                      return failure;
                    }}
                  />
                </div>
              ) : (
                <div className="flex items-center gap-1">
                  <ChapterLink talkId={talkId} chapter={chapter} />
                  {canEdit ? (
                    <>
                      <Button
                        type="button"
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing(chapter.id)}
                        aria-label={`Edit chapter ${chapter.title}`}
                      >
                        Edit
                      </Button>
                      <Button
                        type="button"
                        size="sm"
                        variant="ghost"
                        onClick={() => void remove(chapter)}
                        aria-label={`Delete chapter ${chapter.title}`}
                      >
                        Delete
                      </Button>
                    </>
                  ) : null}
                </div>
              )}
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-zinc-500">No chapters yet. Mark them as the talk goes, or afterwards: viewers see them on the seek bar.</p>
      )}
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {canEdit && editing === null ? (
        <div className="border-t border-zinc-200 pt-3 dark:border-zinc-800">
          <ChapterForm position={position} submitLabel="Add chapter" onSubmit={(value) => save("POST", base, value)} />
        </div>
      ) : null}
    </section>
  );
}
