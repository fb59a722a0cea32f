"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CreateTalkInput, TALK_KINDS, type ScheduleConflict } from "@/lib/schedule-editor/schemas";
import type { EditorTalk } from "@/lib/schedule-editor/editor-talk";
import { dateToZonedWallTime, zonedWallTimeToDate } from "@/lib/schedule-editor/zoned-time";
import { dayKey } from "@/lib/schedule/time-zones";
import { talkKindLabel } from "@/lib/talks/talk-kind-label";
import { Button } from "@/app/_components/ui/button";
import { CheckboxField, Field, FormAlert, SelectField, TextAreaField } from "@/app/_components/ui/form";
import { Card } from "@/app/_components/ui/card";
import { callApi, firstErrors, zodFieldErrors } from "../../_components/api";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

type Option = { id: string; name: string };
type Saved = { talk: EditorTalk; conflicts: ScheduleConflict[] };

/**
 * Create or edit a talk. The form checks itself with the same zod schema the API uses, so field
 * errors appear before a round trip; whatever the server still refuses lands on the same fields.
 */
export function TalkForm(props: {
  talk?: EditorTalk;
  initial?: { startsAt: string; endsAt: string; stageId: string };
  stages: Option[];
  tracks: Option[];
  speakers: Option[];
  timeZone: string;
  conflicts?: ScheduleConflict[];
  notice?: string;
}) {
  const { talk, timeZone } = props;
  const router = useRouter();
  const links = useConferenceLinks();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(props.notice ?? null);
  const [conflicts, setConflicts] = useState<ScheduleConflict[]>(props.conflicts ?? []);
  const [pending, setPending] = useState(false);
  const [speakerIds, setSpeakerIds] = useState<string[]>(talk?.speakerIds ?? []);

  const startsAt = talk?.startsAt ?? props.initial?.startsAt ?? new Date().toISOString();
  const endsAt = talk?.endsAt ?? props.initial?.endsAt ?? new Date().toISOString();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const toInstant = (name: string) => {
      const wall = String(form.get(name) ?? "");
      const at = zonedWallTimeToDate(wall, timeZone);
      // An unreadable time stays as typed, so the schema names the field.
      return Number.isNaN(at.getTime()) ? wall : at.toISOString();
    };
    const input = {
      title: String(form.get("title") ?? ""),
      slug: String(form.get("slug") ?? ""),
      kind: String(form.get("kind") ?? "TALK"),
      stageId: String(form.get("stageId") ?? ""),
      trackId: form.get("trackId") ? String(form.get("trackId")) : null,
      startsAt: toInstant("startsAt"),
      endsAt: toInstant("endsAt"),
      speakerIds,
      abstract: String(form.get("abstract") ?? ""),
      isPublic: form.get("isPublic") === "on",
    };
    const checked = CreateTalkInput.safeParse(input);
    if (!checked.success) {
      setErrors(zodFieldErrors(checked.error.issues));
      setAlert("Some fields need your attention.");
      return;
    }
    setErrors({});
    setAlert(null);
    setNotice(null);
    setPending(true);
    const result = talk
      ? await callApi<Saved>("PATCH", links.api(`/admin/schedule/talks/${talk.id}`), input)
      : await callApi<Saved>("POST", links.api("/admin/schedule/talks"), input);
    setPending(false);
    if (!result.ok) {
      setErrors(firstErrors(result.error.fields));
      setAlert(result.error.message);
      return;
    }
    if (!talk) {
      router.push(links.path(`/admin/schedule/${result.data.talk.id}?saved=created`));
      return;
    }
    setConflicts(result.data.conflicts);
    setNotice("Saved. Open schedule pages update on their own.");
    router.refresh();
  }

  async function onDelete() {
    if (!talk || !window.confirm(`Delete “${talk.title}”? Its chat, Q&A, polls and recording go with it.`)) return;
    setPending(true);
    const result = await callApi<{ talkId: string }>("DELETE", links.api(`/admin/schedule/talks/${talk.id}`));
    setPending(false);
    if (!result.ok) {
      setAlert(result.error.message);
      return;
    }
    router.push(links.path(`/admin/schedule?day=${dayKey(new Date(talk.startsAt), timeZone)}`));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="grid gap-6 lg:grid-cols-3">
      <Card className="space-y-5 p-6 lg:col-span-2">
        {alert ? <FormAlert>{alert}</FormAlert> : null}
        {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
        {conflicts.length ? (
          <FormAlert tone="warning">
            <p className="font-medium">Saved, with {conflicts.length === 1 ? "a conflict" : `${conflicts.length} conflicts`} to check:</p>
            <ul className="mt-1 list-disc pl-5">
              {conflicts.map((c) => (
                <li key={`${c.kind}-${c.talkIds.join("-")}-${"speakerId" in c ? c.speakerId : ""}`}>{c.message}</li>
              ))}
            </ul>
          </FormAlert>
        ) : null}
        <Field label="Title" name="title" defaultValue={talk?.title} error={errors.title} required maxLength={200} />
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField label="Kind" name="kind" defaultValue={talk?.kind ?? "TALK"} error={errors.kind}>
            {TALK_KINDS.map((k) => (
              <option key={k} value={k}>
                {talkKindLabel(k)}
              </option>
            ))}
          </SelectField>
          <Field label="URL slug" name="slug" defaultValue={talk?.slug} error={errors.slug} hint="Leave empty to derive it from the title." />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            label={`Starts (${timeZone})`}
            name="startsAt"
            type="datetime-local"
            step={300}
            defaultValue={dateToZonedWallTime(startsAt, timeZone)}
            error={errors.startsAt}
            required
          />
          <Field
            label={`Ends (${timeZone})`}
            name="endsAt"
            type="datetime-local"
            step={300}
            defaultValue={dateToZonedWallTime(endsAt, timeZone)}
            error={errors.endsAt}
            required
          />
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField label="Stage" name="stageId" defaultValue={talk?.stageId ?? props.initial?.stageId} error={errors.stageId}>
            {props.stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Track" name="trackId" defaultValue={talk?.trackId ?? ""} error={errors.trackId}>
            <option value="">No track</option>
            {props.tracks.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField label="Abstract" name="abstract" defaultValue={talk?.abstract} error={errors.abstract} rows={6} maxLength={10_000} />
        <CheckboxField
          label="Public talk"
          name="isPublic"
          defaultChecked={talk?.isPublic}
          hint="Anyone can watch and chat (with an account) without a ticket."
        />
      </Card>

      <div className="space-y-6">
        <Card className="p-6">
          <fieldset aria-describedby={errors.speakerIds ? "speakers-error" : undefined}>
            <legend className="text-sm font-medium">Speakers</legend>
            {props.speakers.length === 0 ? (
              <p className="mt-2 text-sm text-zinc-500">No speakers yet: add them under Speakers.</p>
            ) : (
              <ul className="mt-2 max-h-72 space-y-1 overflow-y-auto">
                {props.speakers.map((s) => (
                  <li key={s.id}>
                    <label className="flex items-center gap-2 rounded-lg px-2 py-1 text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800">
                      <input
                        type="checkbox"
                        className="h-4 w-4 accent-brand-600"
                        checked={speakerIds.includes(s.id)}
                        onChange={(e) => setSpeakerIds((ids) => (e.target.checked ? [...ids, s.id] : ids.filter((id) => id !== s.id)))}
                      />
                      {s.name}
                      {speakerIds.includes(s.id) && speakerIds.length > 1 ? (
                        <span className="ml-auto text-xs text-zinc-500">#{speakerIds.indexOf(s.id) + 1}</span>
                      ) : null}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {errors.speakerIds ? (
              <p id="speakers-error" role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
                {errors.speakerIds}
              </p>
            ) : null}
          </fieldset>
        </Card>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : talk ? "Save talk" : "Create talk"}
          </Button>
          {talk ? (
            <Button type="button" variant="danger" disabled={pending} onClick={onDelete}>
              Delete talk
            </Button>
          ) : null}
        </div>
      </div>
    </form>
  );
}
