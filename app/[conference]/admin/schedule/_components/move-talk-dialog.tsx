"use client";
import { useEffect, useId, useRef, useState } from "react";
import type { EditorTalk } from "@/lib/schedule-editor/editor-talk";
import { dateToZonedWallTime, zonedWallTimeToDate } from "@/lib/schedule-editor/zoned-time";
import { Button } from "@/app/_components/ui/button";
import { Field, SelectField } from "@/app/_components/ui/form";

/**
 * The keyboard way to move a talk (the grid's drag-and-drop needs a pointer): a modal <dialog>
 * (focus stays inside, Escape closes) with the stage, the start, and 15-minute nudges.
 */
export function MoveTalkDialog(props: {
  talk: EditorTalk;
  stages: { id: string; name: string }[];
  timeZone: string;
  onCancel: () => void;
  onMove: (stageId: string, startsAt: string) => void;
}) {
  const { talk, timeZone } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [stageId, setStageId] = useState(talk.stageId);
  const [start, setStart] = useState(dateToZonedWallTime(talk.startsAt, timeZone));
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const nudge = (minutes: number) => {
    const at = zonedWallTimeToDate(start, timeZone);
    if (Number.isNaN(at.getTime())) return;
    setStart(dateToZonedWallTime(new Date(at.getTime() + minutes * 60_000), timeZone));
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
      className="m-auto w-full max-w-md rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <form
        className="space-y-4 p-6"
        onSubmit={(e) => {
          e.preventDefault();
          const at = zonedWallTimeToDate(start, timeZone);
          if (Number.isNaN(at.getTime())) {
            setError("Enter a date and time");
            return;
          }
          props.onMove(stageId, at.toISOString());
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Move “{talk.title}”
        </h2>
        <SelectField label="Stage" name="move-stage" value={stageId} onChange={(e) => setStageId(e.target.value)}>
          {props.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <Field
          label={`Starts at (${timeZone})`}
          name="move-start"
          type="datetime-local"
          step={300}
          value={start}
          error={error}
          hint="The talk keeps its length."
          onChange={(e) => {
            setStart(e.target.value);
            setError(undefined);
          }}
          required
        />
        <div className="flex gap-2">
          <Button type="button" variant="secondary" size="sm" onClick={() => nudge(-15)}>
            15 min earlier
          </Button>
          <Button type="button" variant="secondary" size="sm" onClick={() => nudge(15)}>
            15 min later
          </Button>
        </div>
        <div className="flex justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <Button type="button" variant="ghost" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit">Move talk</Button>
        </div>
      </form>
    </dialog>
  );
}
