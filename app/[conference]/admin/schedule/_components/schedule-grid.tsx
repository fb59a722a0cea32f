"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import type { EditorTalk } from "@/lib/schedule-editor/editor-talk";
import type { ScheduleConflict } from "@/lib/schedule-editor/schemas";
import { formatTime, zonedTimeToInstant } from "@/lib/schedule/time-zones";
import { talkKindLabel } from "@/lib/talks/talk-kind-label";
import { callApi } from "../../_components/api";
import { MoveTalkDialog } from "./move-talk-dialog";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

type Stage = { id: string; name: string };
type Track = { id: string; name: string; color: string };
type Speaker = { id: string; name: string };
type MoveAnswer = { talk: EditorTalk; conflicts: ScheduleConflict[] };

const PX_PER_MINUTE = 1.6;
const SNAP_MINUTES = 5;

/**
 * The day × stage grid. A talk moves by drag-and-drop onto a stage column (snapped to 5
 * minutes) or, from the keyboard, through its Move button. The move is shown at once, sent to
 * the server, and the page then refreshes from the server (as every open schedule page does).
 */
export function ScheduleGrid(props: {
  day: string;
  timeZone: string;
  stages: Stage[];
  tracks: Track[];
  speakers: Speaker[];
  talks: EditorTalk[];
  conflicts: ScheduleConflict[];
}) {
  const { day, timeZone, stages } = props;
  const router = useRouter();
  const links = useConferenceLinks();
  const [talks, setTalks] = useState(props.talks);
  const [status, setStatus] = useState<{ tone: "info" | "warning" | "error"; text: string } | null>(null);
  const [moving, setMoving] = useState<EditorTalk | null>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const grab = useRef<{ talkId: string; offsetY: number } | null>(null);
  const moveButtons = useRef(new Map<string, HTMLButtonElement>());

  // The server's answer (after router.refresh or a live update) replaces the optimistic state.
  useEffect(() => setTalks(props.talks), [props.talks]);

  const dayStart = useMemo(() => zonedTimeToInstant(day, "00:00", timeZone).getTime(), [day, timeZone]);
  const minuteOf = (iso: string) => (Date.parse(iso) - dayStart) / 60_000;
  const todays = talks.filter((t) => {
    const m = minuteOf(t.startsAt);
    return m >= 0 && m < 24 * 60;
  });
  const rangeStart = Math.min(8 * 60, ...todays.map((t) => Math.floor(minuteOf(t.startsAt) / 60) * 60));
  const rangeEnd = Math.max(20 * 60, ...todays.map((t) => Math.ceil(minuteOf(t.endsAt) / 60) * 60));
  const hours = Array.from({ length: (rangeEnd - rangeStart) / 60 }, (_, i) => rangeStart + i * 60);
  const height = (rangeEnd - rangeStart) * PX_PER_MINUTE;

  const conflicted = new Map<string, string[]>();
  for (const c of props.conflicts) for (const id of c.talkIds) conflicted.set(id, [...(conflicted.get(id) ?? []), c.message]);
  const trackById = new Map(props.tracks.map((t) => [t.id, t]));
  const speakerById = new Map(props.speakers.map((s) => [s.id, s.name]));
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? "another stage";
  const time = (iso: string) => formatTime(new Date(iso), timeZone);

  async function move(talk: EditorTalk, stageId: string, startsAt: string) {
    if (talk.stageId === stageId && talk.startsAt === startsAt) return;
    const lengthMs = Date.parse(talk.endsAt) - Date.parse(talk.startsAt);
    const optimistic = { ...talk, stageId, startsAt, endsAt: new Date(Date.parse(startsAt) + lengthMs).toISOString() };
    setTalks((all) => all.map((t) => (t.id === talk.id ? optimistic : t)));
    setStatus({ tone: "info", text: `Moving “${talk.title}”…` });
    const result = await callApi<MoveAnswer>("POST", links.api(`/admin/schedule/talks/${talk.id}/move`), { stageId, startsAt });
    if (!result.ok) {
      setTalks((all) => all.map((t) => (t.id === talk.id ? talk : t)));
      setStatus({ tone: "error", text: `“${talk.title}” was not moved: ${result.error.message}` });
      return;
    }
    const moved = result.data.talk;
    const where = `${stageName(moved.stageId)} at ${time(moved.startsAt)}`;
    setStatus(
      result.data.conflicts.length
        ? { tone: "warning", text: `Moved “${moved.title}” to ${where}. Check: ${result.data.conflicts.map((c) => c.message).join("; ")}.` }
        : { tone: "info", text: `Moved “${moved.title}” to ${where}.` },
    );
    router.refresh();
  }

  function onDragStart(event: DragEvent<HTMLElement>, talk: EditorTalk) {
    const rect = event.currentTarget.getBoundingClientRect();
    grab.current = { talkId: talk.id, offsetY: event.clientY - rect.top };
    event.dataTransfer.setData("text/plain", talk.id);
    event.dataTransfer.effectAllowed = "move";
  }

  function onDrop(event: DragEvent<HTMLElement>, stageId: string) {
    event.preventDefault();
    setDropTarget(null);
    const talkId = event.dataTransfer.getData("text/plain") || grab.current?.talkId;
    const talk = talks.find((t) => t.id === talkId);
    if (!talk) return;
    const top = event.clientY - event.currentTarget.getBoundingClientRect().top - (grab.current?.offsetY ?? 0);
    const minute = Math.round((rangeStart + top / PX_PER_MINUTE) / SNAP_MINUTES) * SNAP_MINUTES;
    const clamped = Math.max(0, Math.min(24 * 60 - SNAP_MINUTES, minute));
    grab.current = null;
    void move(talk, stageId, new Date(dayStart + clamped * 60_000).toISOString());
  }

  return (
    <div>
      <div aria-live="polite" className="min-h-6 text-sm">
        {status ? (
          <p
            className={
              status.tone === "error"
                ? "text-red-700 dark:text-red-300"
                : status.tone === "warning"
                  ? "text-amber-800 dark:text-amber-300"
                  : "text-zinc-600 dark:text-zinc-400"
            }
          >
            {status.text}
          </p>
        ) : null}
      </div>
      <div className="mt-2 overflow-x-auto rounded-2xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div className="grid min-w-max" style={{ gridTemplateColumns: `4rem repeat(${stages.length}, minmax(13rem, 1fr))` }}>
          <div className="sticky left-0 z-20 border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" />
          {stages.map((stage) => (
            <div key={stage.id} className="border-b border-l border-zinc-200 px-3 py-2 text-sm font-semibold dark:border-zinc-800">
              {stage.name}
            </div>
          ))}

          <div className="sticky left-0 z-20 bg-white dark:bg-zinc-900" style={{ height }} aria-hidden="true">
            {hours.map((m) => (
              <div key={m} className="relative text-right text-xs tabular-nums text-zinc-500" style={{ height: 60 * PX_PER_MINUTE }}>
                <span className="absolute -top-2 right-2">{time(new Date(dayStart + m * 60_000).toISOString())}</span>
              </div>
            ))}
          </div>

          {stages.map((stage) => {
            const column = todays.filter((t) => t.stageId === stage.id).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
            const lanes = assignLanes(column);
            return (
              <section
                key={stage.id}
                aria-label={`${stage.name}, ${day}`}
                data-stage-id={stage.id}
                onDragOver={(e) => {
                  e.preventDefault();
                  e.dataTransfer.dropEffect = "move";
                  if (dropTarget !== stage.id) setDropTarget(stage.id);
                }}
                onDragLeave={() => setDropTarget((t) => (t === stage.id ? null : t))}
                onDrop={(e) => onDrop(e, stage.id)}
                className={`relative border-l border-zinc-200 dark:border-zinc-800 ${dropTarget === stage.id ? "bg-brand-50/60 dark:bg-brand-500/10" : ""}`}
                style={{
                  height,
                  backgroundImage: `repeating-linear-gradient(to bottom, transparent 0, transparent ${60 * PX_PER_MINUTE - 1}px, rgb(161 161 170 / 0.25) ${60 * PX_PER_MINUTE - 1}px, rgb(161 161 170 / 0.25) ${60 * PX_PER_MINUTE}px)`,
                }}
              >
                <ul>
                  {column.map((talk) => {
                    const { lane, of } = lanes.get(talk.id)!;
                    const top = (minuteOf(talk.startsAt) - rangeStart) * PX_PER_MINUTE;
                    const h = Math.max(28, (minuteOf(talk.endsAt) - minuteOf(talk.startsAt)) * PX_PER_MINUTE - 2);
                    const track = talk.trackId ? trackById.get(talk.trackId) : undefined;
                    const warnings = conflicted.get(talk.id);
                    return (
                      <li
                        key={talk.id}
                        draggable
                        onDragStart={(e) => onDragStart(e, talk)}
                        aria-label={`${talk.title}, ${time(talk.startsAt)} to ${time(talk.endsAt)}`}
                        className={`absolute cursor-grab overflow-hidden rounded-xl border bg-white p-2 text-xs shadow-sm active:cursor-grabbing dark:bg-zinc-950 ${warnings ? "border-amber-400 ring-2 ring-amber-300/70 dark:border-amber-500" : "border-zinc-200 dark:border-zinc-700"}`}
                        style={{
                          top,
                          height: h,
                          left: `calc(${(lane / of) * 100}% + 4px)`,
                          width: `calc(${100 / of}% - 8px)`,
                          borderLeft: `4px solid ${track?.color ?? "#a1a1aa"}`,
                        }}
                      >
                        <div className="flex items-start justify-between gap-1">
                          {/* The conflict label leads the first line: a short talk's card shows only that line. */}
                          <p className="min-w-0 truncate tabular-nums text-zinc-500">
                            {warnings ? (
                              <span className="font-medium text-amber-700 dark:text-amber-300" title={warnings.join("\n")}>
                                ⚠ Conflict<span className="sr-only">: {warnings.join("; ")}.</span>{" "}
                              </span>
                            ) : null}
                            {time(talk.startsAt)}–{time(talk.endsAt)}
                            {talk.kind !== "TALK" ? (
                              <span className="ml-1 font-medium text-brand-700 dark:text-brand-100">· {talkKindLabel(talk.kind)}</span>
                            ) : null}
                          </p>
                          <button
                            type="button"
                            ref={(el) => {
                              if (el) moveButtons.current.set(talk.id, el);
                              else moveButtons.current.delete(talk.id);
                            }}
                            onClick={() => setMoving(talk)}
                            className="shrink-0 rounded-md px-1.5 py-0.5 font-medium text-brand-700 hover:bg-brand-50 dark:text-brand-100 dark:hover:bg-brand-500/15"
                            aria-label={`Move ${talk.title}`}
                          >
                            Move
                          </button>
                        </div>
                        <Link
                          href={links.path(`/admin/schedule/${talk.id}`)}
                          className="mt-0.5 line-clamp-2 font-semibold text-zinc-900 hover:underline dark:text-zinc-100"
                        >
                          {talk.title}
                        </Link>
                        {talk.speakerIds.length ? (
                          <p className="truncate text-zinc-600 dark:text-zinc-400">
                            {talk.speakerIds
                              .map((id) => speakerById.get(id))
                              .filter(Boolean)
                              .join(", ")}
                          </p>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </div>
      </div>
      {moving ? (
        <MoveTalkDialog
          talk={moving}
          stages={stages}
          timeZone={timeZone}
          onCancel={() => {
            const id = moving.id;
            setMoving(null);
            moveButtons.current.get(id)?.focus();
          }}
          onMove={(stageId, startsAt) => {
            const talk = moving;
            setMoving(null);
            void move(talk, stageId, startsAt).then(() => moveButtons.current.get(talk.id)?.focus());
          }}
        />
      ) : null}
    </div>
  );
}

/** Side-by-side lanes for talks that overlap on one stage (a conflict, but still visible). */
function assignLanes(talks: EditorTalk[]): Map<string, { lane: number; of: number }> {
  const result = new Map<string, { lane: number; of: number }>();
  let group: EditorTalk[] = [];
  let groupEnd = "";
  let laneEnds: string[] = [];
  const flush = () => {
    for (const t of group) result.get(t.id)!.of = laneEnds.length;
    group = [];
    laneEnds = [];
  };
  for (const talk of talks) {
    if (group.length && talk.startsAt >= groupEnd) {
      flush();
      groupEnd = "";
    }
    let lane = laneEnds.findIndex((end) => end <= talk.startsAt);
    if (lane < 0) lane = laneEnds.push(talk.endsAt) - 1;
    else laneEnds[lane] = talk.endsAt;
    result.set(talk.id, { lane, of: 1 });
    group.push(talk);
    if (talk.endsAt > groupEnd) groupEnd = talk.endsAt;
  }
  flush();
  return result;
}
