"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { CheckboxField, Field, FormAlert, SelectField, TextAreaField } from "@/app/_components/ui/form";
import { callApi, firstErrors } from "@/app/[conference]/admin/_components/api";
import { centsFromAmount, fromDateTimeLocal } from "./form-values";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

type Mode = "single" | "bulk";

/** One code with a chosen text, or N generated codes with a prefix — same rules either way. */
export function DiscountCodeForm({ ticketTypes, mode }: { ticketTypes: { id: string; name: string }[]; mode: Mode }) {
  const router = useRouter();
  const links = useConferenceLinks();
  const [kind, setKind] = useState<"PERCENT" | "FIXED" | "COMP">("PERCENT");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [generated, setGenerated] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);
  const p = `dc-${mode}`;

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const rawValue = String(data.get("value") ?? "");
    const rules = {
      kind,
      value: kind === "COMP" ? 0 : kind === "FIXED" ? centsFromAmount(rawValue) : rawValue === "" ? Number.NaN : Number(rawValue),
      maxRedemptions: String(data.get("maxRedemptions") ?? "") || null,
      validFrom: fromDateTimeLocal(String(data.get("validFrom") ?? "")),
      validUntil: fromDateTimeLocal(String(data.get("validUntil") ?? "")),
      oncePerAttendee: data.get("oncePerAttendee") === "on",
      ticketTypeIds: data.getAll("ticketTypeIds").map(String),
    };
    const body =
      mode === "single"
        ? { ...rules, code: String(data.get("code") ?? "") }
        : { ...rules, count: Number(data.get("count") ?? 0), prefix: String(data.get("prefix") ?? "") };
    setPending(true);
    const result =
      mode === "single"
        ? await callApi<{ discountCode: { code: string } }>("POST", links.api("/admin/tickets/codes"), body)
        : await callApi<{ codes: string[] }>("POST", links.api("/admin/tickets/codes/generate"), body);
    setPending(false);
    if (!result.ok) {
      const fields = firstErrors(result.error.fields);
      // Scope errors arrive as ticketTypeIds.0; show them on the group.
      for (const key of Object.keys(fields)) if (key.startsWith("ticketTypeIds.")) fields.ticketTypeIds ??= fields[key];
      setErrors(fields);
      setMessage(Object.keys(fields).length ? null : { tone: "error", text: result.error.message });
      return;
    }
    setErrors({});
    if ("codes" in result.data) {
      setGenerated(result.data.codes);
      setMessage({ tone: "success", text: `Generated ${result.data.codes.length} codes.` });
    } else {
      setMessage({ tone: "success", text: `Created code ${result.data.discountCode.code}.` });
    }
    form.reset();
    setKind("PERCENT");
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={mode === "single" ? "New discount code" : "Generate discount codes"}>
      <div className="grid gap-4 sm:grid-cols-2">
        {mode === "single" ? (
          <Field
            id={`${p}-code`}
            label="Code"
            name="code"
            required
            autoCapitalize="characters"
            hint="Attendees can type it in any case"
            error={errors.code}
          />
        ) : (
          <div className="grid grid-cols-2 gap-2">
            <Field id={`${p}-count`} label="How many" name="count" type="number" min={1} max={1000} defaultValue={10} error={errors.count} />
            <Field id={`${p}-prefix`} label="Prefix" name="prefix" placeholder="PRESS" error={errors.prefix} />
          </div>
        )}
        <SelectField
          id={`${p}-kind`}
          label="Discount"
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as typeof kind)}
          error={errors.kind}
        >
          <option value="PERCENT">Percent off</option>
          <option value="FIXED">Fixed amount off each ticket</option>
          <option value="COMP">Complimentary (100% off)</option>
        </SelectField>
        {kind !== "COMP" ? (
          <Field
            id={`${p}-value`}
            label={kind === "PERCENT" ? "Percent off" : "Amount off each ticket"}
            name="value"
            inputMode="decimal"
            required
            hint={kind === "PERCENT" ? "1 to 100" : "In the ticket's currency, e.g. 10.00"}
            error={errors.value}
          />
        ) : (
          <div />
        )}
        <Field
          id={`${p}-max`}
          label="Max redemptions"
          name="maxRedemptions"
          type="number"
          min={1}
          hint="Tickets it can discount in total; empty = unlimited"
          error={errors.maxRedemptions}
        />
        <Field id={`${p}-from`} label="Valid from" name="validFrom" type="datetime-local" error={errors.validFrom} />
        <Field id={`${p}-until`} label="Valid until" name="validUntil" type="datetime-local" error={errors.validUntil} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Applies to</legend>
        <p className="text-xs text-zinc-500">Tick none for every ticket type.</p>
        <div className="mt-2 flex flex-wrap gap-4">
          {ticketTypes.map((t) => (
            <CheckboxField key={t.id} id={`${p}-scope-${t.id}`} label={t.name} name="ticketTypeIds" value={t.id} />
          ))}
        </div>
        {errors.ticketTypeIds ? (
          <p className="mt-1 text-xs text-red-600 dark:text-red-400" role="alert">
            {errors.ticketTypeIds}
          </p>
        ) : null}
      </fieldset>
      <CheckboxField id={`${p}-once`} label="One use per attendee" name="oncePerAttendee" hint="Each account can redeem it for one ticket only" />
      {message ? <FormAlert tone={message.tone}>{message.text}</FormAlert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : mode === "single" ? "Create code" : "Generate codes"}
      </Button>
      {generated ? (
        <TextAreaField
          id={`${p}-generated`}
          label="Generated codes (one per line)"
          name="generated"
          readOnly
          value={generated.join("\n")}
          rows={Math.min(12, generated.length)}
        />
      ) : null}
    </form>
  );
}
