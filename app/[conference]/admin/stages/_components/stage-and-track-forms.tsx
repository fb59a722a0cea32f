"use client";
import { CreateStageInput, CreateTrackInput, UpdateStageInput, UpdateTrackInput } from "@/lib/schedule-editor/schemas";
import { Field } from "@/app/_components/ui/form";
import { EntityRowForm } from "./entity-row-form";

const readStage = (form: FormData) => ({
  name: String(form.get("name") ?? ""),
  slug: String(form.get("slug") ?? ""),
  ...(form.get("position") ? { position: Number(form.get("position")) } : {}),
});
const readTrack = (form: FormData) => ({
  name: String(form.get("name") ?? ""),
  slug: String(form.get("slug") ?? ""),
  color: String(form.get("color") ?? "#6366f1"),
});

export function StageForm({ stage }: { stage?: { id: string; name: string; slug: string; position: number; talkCount: number } }) {
  const key = stage?.id ?? "new-stage";
  return (
    <EntityRowForm
      kind="stage"
      id={stage?.id}
      label={stage ? `Stage ${stage.name}` : "New stage"}
      schema={stage ? UpdateStageInput : CreateStageInput}
      read={readStage}
      deleteLabel={stage ? `Delete the stage ${stage.name}` : undefined}
    >
      {(errors) => (
        <>
          <div className="min-w-48 flex-1">
            <Field id={`${key}-name`} label="Stage name" name="name" defaultValue={stage?.name} error={errors.name} required />
          </div>
          <div className="w-48">
            <Field id={`${key}-slug`} label="Slug" name="slug" defaultValue={stage?.slug} error={errors.slug} placeholder="from the name" />
          </div>
          <div className="w-24">
            <Field
              id={`${key}-position`}
              label="Column"
              name="position"
              type="number"
              min={0}
              defaultValue={stage?.position}
              error={errors.position}
            />
          </div>
          {stage ? (
            <p className="basis-full text-xs text-zinc-500 sm:order-last">
              {stage.talkCount} talk{stage.talkCount === 1 ? "" : "s"}
            </p>
          ) : null}
        </>
      )}
    </EntityRowForm>
  );
}

export function TrackForm({ track }: { track?: { id: string; name: string; slug: string; color: string } }) {
  const key = track?.id ?? "new-track";
  return (
    <EntityRowForm
      kind="track"
      id={track?.id}
      label={track ? `Track ${track.name}` : "New track"}
      schema={track ? UpdateTrackInput : CreateTrackInput}
      read={readTrack}
      deleteLabel={track ? `Delete the track ${track.name} (its talks stay)` : undefined}
    >
      {(errors) => (
        <>
          <div className="min-w-48 flex-1">
            <Field id={`${key}-name`} label="Track name" name="name" defaultValue={track?.name} error={errors.name} required />
          </div>
          <div className="w-48">
            <Field id={`${key}-slug`} label="Slug" name="slug" defaultValue={track?.slug} error={errors.slug} placeholder="from the name" />
          </div>
          <div className="w-24">
            <Field
              id={`${key}-color`}
              label="Colour"
              name="color"
              type="color"
              defaultValue={track?.color ?? "#6366f1"}
              error={errors.color}
              className="h-10 w-full rounded-xl border border-zinc-300 dark:border-zinc-700"
            />
          </div>
        </>
      )}
    </EntityRowForm>
  );
}
