"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { CheckboxField, Field, FormAlert, TextAreaField } from "@/app/_components/ui/form";
import { callApi, firstErrors } from "@/app/[conference]/admin/_components/api";
import { toDateTimeLocal, fromDateTimeLocal, centsFromAmount } from "./form-values";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

export type EditableTicketType = {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  quota: number | null;
  salesStartAt: string | null;
  salesEndAt: string | null;
  active: boolean;
};

/** Creates a ticket type, or edits one when `ticketType` is given. Errors come from the shared zod schema. */
export function TicketTypeForm({
  ticketType,
  defaultCurrency = "EUR",
  onDone,
}: {
  ticketType?: EditableTicketType;
  defaultCurrency?: string;
  onDone?: () => void;
}) {
  const router = useRouter();
  const links = useConferenceLinks();
  const editing = !!ticketType;
  const prefix = editing ? `tt-${ticketType.id}` : "tt-new";
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const body = {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      priceCents: centsFromAmount(String(data.get("price") ?? "")),
      currency: String(data.get("currency") ?? ""),
      quota: String(data.get("quota") ?? "") || null,
      salesStartAt: fromDateTimeLocal(String(data.get("salesStartAt") ?? "")),
      salesEndAt: fromDateTimeLocal(String(data.get("salesEndAt") ?? "")),
      active: data.get("active") === "on",
    };
    setPending(true);
    const result = editing
      ? await callApi("PATCH", links.api(`/admin/tickets/types/${ticketType.id}`), body)
      : await callApi("POST", links.api("/admin/tickets/types"), body);
    setPending(false);
    if (!result.ok) {
      const fields = firstErrors(result.error.fields);
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : { tone: "error", text: result.error.message });
      return;
    }
    setErrors({});
    setMessage({ tone: "success", text: editing ? "Saved." : `Created “${body.name}”.` });
    if (!editing) form.reset();
    router.refresh();
    onDone?.();
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={editing ? `Edit ${ticketType.name}` : "New ticket type"}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${prefix}-name`} label="Name" name="name" required defaultValue={ticketType?.name} error={errors.name} />
        <div className="grid grid-cols-[1fr_6rem] gap-2">
          <Field
            id={`${prefix}-price`}
            label="Price"
            name="price"
            inputMode="decimal"
            required
            defaultValue={ticketType ? (ticketType.priceCents / 100).toFixed(2) : ""}
            hint="0 for a free ticket"
            error={errors.priceCents}
          />
          <Field
            id={`${prefix}-currency`}
            label="Currency"
            name="currency"
            maxLength={3}
            defaultValue={ticketType?.currency ?? defaultCurrency}
            error={errors.currency}
          />
        </div>
        <Field
          id={`${prefix}-quota`}
          label="Quota"
          name="quota"
          type="number"
          min={1}
          defaultValue={ticketType?.quota ?? ""}
          hint="Leave empty for unlimited"
          error={errors.quota}
        />
        <div />
        <Field
          id={`${prefix}-start`}
          label="Sales start"
          name="salesStartAt"
          type="datetime-local"
          defaultValue={toDateTimeLocal(ticketType?.salesStartAt)}
          error={errors.salesStartAt}
        />
        <Field
          id={`${prefix}-end`}
          label="Sales end"
          name="salesEndAt"
          type="datetime-local"
          defaultValue={toDateTimeLocal(ticketType?.salesEndAt)}
          error={errors.salesEndAt}
        />
      </div>
      <TextAreaField
        id={`${prefix}-description`}
        label="Description"
        name="description"
        defaultValue={ticketType?.description}
        error={errors.description}
      />
      <CheckboxField
        id={`${prefix}-active`}
        label="On sale"
        name="active"
        defaultChecked={ticketType?.active ?? true}
        hint="Unticked ticket types are hidden from attendees"
      />
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : editing ? "Save ticket type" : "Create ticket type"}
        </Button>
        {onDone ? (
          <Button type="button" variant="ghost" onClick={onDone}>
            Close
          </Button>
        ) : null}
      </div>
    </form>
  );
}
