"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CreateSpeakerInput } from "@/lib/schedule-editor/schemas";
import { Button } from "@/app/_components/ui/button";
import { Field, FormAlert, TextAreaField } from "@/app/_components/ui/form";
import { Card } from "@/app/_components/ui/card";
import { callApi, firstErrors, zodFieldErrors } from "../../_components/api";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

export type SpeakerFormValues = {
  id: string;
  name: string;
  slug: string;
  headline: string;
  bio: string;
  avatarUrl: string | null;
  links: { label: string; url: string }[];
  accountEmail: string | null;
  accountLinked?: boolean;
};

/** Create or edit a speaker profile, with the shared schema's field errors. */
export function SpeakerForm({ speaker }: { speaker?: SpeakerFormValues }) {
  const router = useRouter();
  const conference = useConferenceLinks();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [links, setLinks] = useState(speaker?.links ?? []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      slug: String(form.get("slug") ?? ""),
      headline: String(form.get("headline") ?? ""),
      bio: String(form.get("bio") ?? ""),
      avatarUrl: String(form.get("avatarUrl") ?? ""),
      accountEmail: String(form.get("accountEmail") ?? ""),
      links: links.filter((l) => l.label.trim() || l.url.trim()),
    };
    const checked = CreateSpeakerInput.safeParse(input);
    if (!checked.success) {
      setErrors(zodFieldErrors(checked.error.issues));
      setAlert("Some fields need your attention.");
      return;
    }
    setErrors({});
    setAlert(null);
    setPending(true);
    const result = speaker
      ? await callApi<{ speaker: { id: string } }>("PATCH", conference.api(`/admin/schedule/speakers/${speaker.id}`), input)
      : await callApi<{ speaker: { id: string } }>("POST", conference.api("/admin/schedule/speakers"), input);
    setPending(false);
    if (!result.ok) {
      setErrors(firstErrors(result.error.fields));
      setAlert(result.error.message);
      return;
    }
    if (!speaker) {
      router.push(conference.path("/admin/speakers"));
      router.refresh();
      return;
    }
    setNotice("Saved.");
    router.refresh();
  }

  async function onDelete() {
    if (!speaker || !window.confirm(`Delete ${speaker.name}? Their talks stay, without them.`)) return;
    const result = await callApi("DELETE", conference.api(`/admin/schedule/speakers/${speaker.id}`));
    if (!result.ok) return setAlert(result.error.message);
    router.push(conference.path("/admin/speakers"));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Card className="max-w-3xl space-y-5 p-6">
        {alert ? <FormAlert>{alert}</FormAlert> : null}
        {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Name" name="name" defaultValue={speaker?.name} error={errors.name} required maxLength={120} />
          <Field label="URL slug" name="slug" defaultValue={speaker?.slug} error={errors.slug} hint="Leave empty to derive it from the name." />
        </div>
        <Field label="Headline" name="headline" defaultValue={speaker?.headline} error={errors.headline} hint="e.g. Staff engineer at Example" />
        <TextAreaField label="Biography" name="bio" defaultValue={speaker?.bio} error={errors.bio} rows={5} />
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label="Photo URL" name="avatarUrl" type="url" defaultValue={speaker?.avatarUrl ?? ""} error={errors.avatarUrl} />
          <Field
            label="Account email"
            name="accountEmail"
            type="email"
            defaultValue={speaker?.accountEmail ?? ""}
            error={errors.accountEmail}
            hint={
              speaker?.accountEmail && !speaker.accountLinked
                ? "Waiting for the account with this address to confirm it: then it gets the speaker studio for this speaker's talks."
                : "The account that presents: once it has confirmed this address, it gets the speaker studio for this speaker's talks."
            }
          />
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium">Links</legend>
          {links.map((link, i) => (
            <div key={i} className="grid items-start gap-3 sm:grid-cols-[1fr_2fr_auto]">
              <Field
                label={`Link ${i + 1} label`}
                name={`links.${i}.label`}
                value={link.label}
                error={errors[`links.${i}.label`]}
                onChange={(e) => setLinks((all) => all.map((l, j) => (j === i ? { ...l, label: e.target.value } : l)))}
              />
              <Field
                label={`Link ${i + 1} URL`}
                name={`links.${i}.url`}
                type="url"
                value={link.url}
                error={errors[`links.${i}.url`]}
                onChange={(e) => setLinks((all) => all.map((l, j) => (j === i ? { ...l, url: e.target.value } : l)))}
              />
              <Button type="button" variant="ghost" size="sm" className="sm:mt-6" onClick={() => setLinks((all) => all.filter((_, j) => j !== i))}>
                Remove<span className="sr-only"> link {i + 1}</span>
              </Button>
            </div>
          ))}
          {links.length < 10 ? (
            <Button type="button" variant="secondary" size="sm" onClick={() => setLinks((all) => [...all, { label: "", url: "" }])}>
              Add link
            </Button>
          ) : null}
        </fieldset>
        <div className="flex flex-wrap gap-2 border-t border-zinc-200 pt-5 dark:border-zinc-800">
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : speaker ? "Save speaker" : "Create speaker"}
          </Button>
          {speaker ? (
            <Button type="button" variant="danger" onClick={onDelete}>
              Delete speaker
            </Button>
          ) : null}
        </div>
      </Card>
    </form>
  );
}
