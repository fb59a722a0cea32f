"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { CheckboxField, Field, FormAlert } from "@/app/_components/ui/form";
import { callApi, firstErrors } from "@/app/[conference]/admin/_components/api";
import { fromDateTimeLocal, toDateTimeLocal } from "./form-values";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

type Limits = {
  id: string;
  code: string;
  maxRedemptions: number | null;
  validFrom: string | null;
  validUntil: string | null;
  oncePerAttendee: boolean;
};

/** Edits a code's limit and validity in place; "Expire now" stops a leaked code at once. */
export function CodeLimitsForm({ code }: { code: Limits }) {
  const router = useRouter();
  const links = useConferenceLinks();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const p = `code-${code.id}`;

  async function save(body: Record<string, unknown>) {
    setPending(true);
    const result = await callApi("PATCH", links.api(`/admin/tickets/codes/${code.id}`), body);
    setPending(false);
    if (!result.ok) {
      const fields = firstErrors(result.error.fields);
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : { tone: "error", text: result.error.message });
      return;
    }
    setErrors({});
    setMessage({ tone: "success", text: "Saved." });
    router.refresh();
  }

  return (
    <form
      aria-label={`Limits of ${code.code}`}
      noValidate
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        void save({
          maxRedemptions: String(data.get("maxRedemptions") ?? "") || null,
          validFrom: fromDateTimeLocal(String(data.get("validFrom") ?? "")),
          validUntil: fromDateTimeLocal(String(data.get("validUntil") ?? "")),
          oncePerAttendee: data.get("oncePerAttendee") === "on",
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <Field
          id={`${p}-max`}
          label="Max redemptions"
          name="maxRedemptions"
          type="number"
          min={1}
          defaultValue={code.maxRedemptions ?? ""}
          error={errors.maxRedemptions}
        />
        <Field
          id={`${p}-from`}
          label="Valid from"
          name="validFrom"
          type="datetime-local"
          defaultValue={toDateTimeLocal(code.validFrom)}
          error={errors.validFrom}
        />
        <Field
          id={`${p}-until`}
          label="Valid until"
          name="validUntil"
          type="datetime-local"
          defaultValue={toDateTimeLocal(code.validUntil)}
          error={errors.validUntil}
        />
      </div>
      <CheckboxField id={`${p}-once`} label="One use per attendee" name="oncePerAttendee" defaultChecked={code.oncePerAttendee} />
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={pending}>
          Save limits
        </Button>
        <Button
          type="button"
          size="sm"
          variant="danger"
          disabled={pending}
          onClick={() => {
            const now = new Date();
            // A start date still ahead would make "until now" invalid: the code simply ends now.
            void save({ validUntil: now.toISOString(), ...(code.validFrom && new Date(code.validFrom) >= now ? { validFrom: null } : {}) });
          }}
        >
          Expire now
        </Button>
      </div>
    </form>
  );
}
