"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { callApi, firstErrors, zodFieldErrors } from "../../_components/api";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

/**
 * One inline form for a stage or a track: create (no `id`) or save/delete (with `id`). Values are
 * read from the form's inputs, checked with the shared schema, then sent; errors land by field.
 */
export function EntityRowForm(props: {
  kind: "stage" | "track";
  id?: string;
  label: string;
  schema: z.ZodType;
  read: (form: FormData) => Record<string, unknown>;
  children: (errors: Record<string, string>) => ReactNode;
  deleteLabel?: string;
}) {
  const router = useRouter();
  const links = useConferenceLinks();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "ok"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const base = links.api(`/admin/schedule/${props.kind}s`);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const input = props.read(new FormData(formElement));
    const checked = props.schema.safeParse(input);
    if (!checked.success) {
      setErrors(zodFieldErrors(checked.error.issues));
      setMessage(null);
      return;
    }
    setPending(true);
    const result = props.id ? await callApi("PATCH", `${base}/${props.id}`, input) : await callApi("POST", base, input);
    setPending(false);
    if (!result.ok) {
      setErrors(firstErrors(result.error.fields));
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    setErrors({});
    setMessage({ tone: "ok", text: props.id ? "Saved." : "Added." });
    if (!props.id) formElement.reset();
    router.refresh();
  }

  async function onDelete() {
    if (!props.id || !window.confirm(`${props.deleteLabel}?`)) return;
    setPending(true);
    const result = await callApi("DELETE", `${base}/${props.id}`);
    setPending(false);
    if (!result.ok) return setMessage({ tone: "error", text: result.error.message });
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={props.label} className="flex flex-wrap items-start gap-3 py-3">
      {props.children(errors)}
      <div className="flex gap-2 sm:mt-6">
        <Button type="submit" size="sm" variant={props.id ? "secondary" : "primary"} disabled={pending}>
          {props.id ? "Save" : `Add ${props.kind}`}
        </Button>
        {props.id ? (
          <Button type="button" size="sm" variant="ghost" disabled={pending} onClick={onDelete}>
            Delete<span className="sr-only"> {props.label}</span>
          </Button>
        ) : null}
      </div>
      <p
        role={message?.tone === "error" ? "alert" : "status"}
        className={`basis-full text-sm ${message?.tone === "error" ? "text-red-600 dark:text-red-400" : "text-zinc-500"}`}
      >
        {message?.text}
      </p>
    </form>
  );
}
