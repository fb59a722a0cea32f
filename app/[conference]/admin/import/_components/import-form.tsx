"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ImportNewConferenceInput, ImportScheduleInput, type EditedTalk, type ImportedTalkField, type ImportResult } from "@/lib/import/schemas";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { callApi, firstErrors, zodFieldErrors } from "../../_components/api";
import { CheckboxField, Field, FormAlert, SelectField, TextAreaField } from "@/app/_components/ui/form";
import { conferenceApiPath, conferencePath } from "@/lib/conference/conference-path";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

const ROWS = [
  ["talks", "Talks"],
  ["speakers", "Speakers"],
  ["stages", "Stages"],
  ["tracks", "Tracks"],
] as const;

const FIELD_NAMES: Record<ImportedTalkField, string> = {
  title: "title",
  abstract: "abstract",
  kind: "kind",
  time: "time",
  stage: "stage",
  track: "track",
  speakers: "speakers",
};

/** “Title”: title, time — lines for the talks whose editor changes were kept or overwritten. */
function EditedTalks({ heading, talks, conferenceSlug }: { heading: string; talks: EditedTalk[]; conferenceSlug: string }) {
  if (!talks.length) return null;
  return (
    <div>
      <h3 className="text-sm font-medium">{heading}</h3>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
        {talks.map((t) => (
          <li key={t.talkId}>
            <Link href={conferencePath(conferenceSlug, `/admin/schedule/${t.talkId}`)} className="underline">
              {t.title}
            </Link>
            : {t.fields.map((f) => FIELD_NAMES[f]).join(", ")}
          </li>
        ))}
      </ul>
    </div>
  );
}

const NEW_CONFERENCE = "new";
type Imported = ImportResult & { conference?: { slug: string; name: string } };

/**
 * Upload or paste an export into this conference, another one the organizer runs, or a new
 * conference named after the event; the answer says what was created, updated and left as it was.
 */
export function ImportForm({ conferences }: { conferences: { slug: string; name: string }[] }) {
  const router = useRouter();
  const links = useConferenceLinks();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [target, setTarget] = useState<string>(links.slug);
  const [result, setResult] = useState<{ imported: Imported; slug: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const pasted = String(form.get("source") ?? "");
    const source = file instanceof File && file.size > 0 ? await file.text() : pasted;
    const creating = target === NEW_CONFERENCE;
    const format = String(form.get("format") ?? "auto");
    const input = creating
      ? { format, source, name: String(form.get("name") ?? "").trim() || undefined, slug: String(form.get("slug") ?? "").trim() || undefined }
      : { format, source, overwriteEdits: form.get("overwriteEdits") === "on" };
    const checked = (creating ? ImportNewConferenceInput : ImportScheduleInput).safeParse(input);
    if (!checked.success) {
      setErrors(zodFieldErrors(checked.error.issues));
      setAlert(null);
      return;
    }
    setErrors({});
    setAlert(null);
    setResult(null);
    setPending(true);
    const answer = await callApi<Imported>("POST", creating ? "/api/conferences" : conferenceApiPath(target, "/admin/import"), input);
    setPending(false);
    if (!answer.ok) {
      setErrors(firstErrors(answer.error.fields));
      setAlert(answer.error.message);
      return;
    }
    setResult({ imported: answer.data, slug: answer.data.conference?.slug ?? target });
    router.refresh();
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <form onSubmit={onSubmit} noValidate>
        <Card className="space-y-5 p-6">
          {alert ? <FormAlert>{alert}</FormAlert> : null}
          <SelectField label="Import into" name="target" value={target} onChange={(e) => setTarget(e.currentTarget.value)} error={errors.target}>
            {conferences.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.slug === links.slug ? `${c.name} (this conference)` : c.name}
              </option>
            ))}
            <option value={NEW_CONFERENCE}>A new conference, named after the event</option>
          </SelectField>
          {target === NEW_CONFERENCE ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" name="name" placeholder="The event's title" error={errors.name} maxLength={120} />
              <Field
                label="Web address"
                name="slug"
                placeholder="From the event's acronym"
                hint="plenary.example/address — lowercase letters, digits, hyphens"
                error={errors.slug}
                maxLength={64}
              />
            </div>
          ) : null}
          <SelectField label="Format" name="format" defaultValue="auto" error={errors.format}>
            <option value="auto">Detect from the file</option>
            <option value="pretalx-json">pretalx schedule.json</option>
            <option value="frab-xml">frab / Pentabarf schedule.xml</option>
          </SelectField>
          <div className="space-y-1">
            <label htmlFor="import-file" className="block text-sm font-medium">
              Schedule file
            </label>
            <input
              id="import-file"
              name="file"
              type="file"
              accept=".json,.xml,application/json,application/xml,text/xml"
              aria-describedby="import-file-hint"
              className="block w-full text-sm file:mr-3 file:rounded-xl file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:font-medium file:text-brand-700 dark:file:bg-brand-500/15 dark:file:text-brand-100"
            />
            <p id="import-file-hint" className="text-xs text-zinc-500">
              pretalx: Schedule → Exports → JSON (…/schedule/export/schedule.json). Up to 5 MB.
            </p>
          </div>
          <TextAreaField label="…or paste the export" name="source" error={errors.source} rows={8} className="font-mono text-xs" spellCheck={false} />
          {target === NEW_CONFERENCE ? null : (
            <CheckboxField
              label="Overwrite changes made in the schedule editor"
              name="overwriteEdits"
              hint="Off: a talk's title, time, stage and the rest that you changed here since the last import stay as you set them."
            />
          )}
          <Button type="submit" disabled={pending}>
            {pending ? "Importing…" : "Import schedule"}
          </Button>
        </Card>
      </form>

      <div aria-live="polite">
        {result ? (
          <ImportAnswer imported={result.imported} conferenceSlug={result.slug} />
        ) : (
          <Card className="p-6 text-sm text-zinc-600 dark:text-zinc-400">
            <h2 className="font-semibold text-zinc-900 dark:text-zinc-100">How re-importing works</h2>
            <ul className="mt-2 list-disc space-y-1 pl-5">
              <li>
                Talks and speakers are matched by their id in the export, stages and tracks by name: importing again updates them, never duplicates.
              </li>
              <li>What you set here and the export does not know stays: a talk&apos;s URL, its public flag, its stream key.</li>
              <li>What you changed in the schedule editor since the last import stays too, unless you tick “Overwrite”; the result lists it.</li>
              <li>Talks you deleted from pretalx stay here until you delete them.</li>
              <li>A broken file changes nothing: the import is all or nothing.</li>
            </ul>
          </Card>
        )}
      </div>
    </div>
  );
}

/** What an import did, with links into the conference it went to. */
function ImportAnswer({ imported, conferenceSlug }: { imported: Imported; conferenceSlug: string }) {
  return (
    <Card className="space-y-4 p-6">
      <h2 className="font-semibold">Imported ({imported.format === "pretalx-json" ? "pretalx JSON" : "frab XML"})</h2>
      {imported.conference ? (
        <FormAlert tone="success">
          Created{" "}
          <Link href={conferencePath(conferenceSlug)} className="underline">
            {imported.conference.name}
          </Link>{" "}
          at /{imported.conference.slug}. You organize it.
        </FormAlert>
      ) : null}

      <table className="w-full text-left text-sm">
        <caption className="sr-only">What the import changed</caption>
        <thead className="text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th scope="col" className="py-1" />
            <th scope="col" className="py-1 text-right">
              New
            </th>
            <th scope="col" className="py-1 text-right">
              Updated
            </th>
            <th scope="col" className="py-1 text-right">
              Unchanged
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {ROWS.map(([key, label]) => (
            <tr key={key} className="border-t border-zinc-100 dark:border-zinc-800">
              <th scope="row" className="py-1.5 font-medium">
                {label}
              </th>
              <td className="py-1.5 text-right">{imported[key].created}</td>
              <td className="py-1.5 text-right">{imported[key].updated}</td>
              <td className="py-1.5 text-right">{imported[key].unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {imported.conflicts > 0 ? (
        <FormAlert tone="warning">
          The schedule now has {imported.conflicts} conflict{imported.conflicts === 1 ? "" : "s"}:{" "}
          <Link href={conferencePath(conferenceSlug, "/admin/schedule")} className="underline">
            check the grid
          </Link>
          .
        </FormAlert>
      ) : null}
      <EditedTalks heading="Kept your changes from the editor" talks={imported.kept} conferenceSlug={conferenceSlug} />
      <EditedTalks heading="Replaced your changes with the export's" talks={imported.overwritten} conferenceSlug={conferenceSlug} />
      {imported.warnings.length ? (
        <div>
          <h3 className="text-sm font-medium">Passed over</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            {imported.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Link href={conferencePath(conferenceSlug, "/admin/schedule")} className="inline-block text-sm font-medium text-brand-600 hover:underline">
        Open the schedule editor →
      </Link>
    </Card>
  );
}
