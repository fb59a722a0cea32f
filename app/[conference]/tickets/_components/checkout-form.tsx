"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { Button, buttonClass } from "@/app/_components/ui/button";
import { Field, FormAlert } from "@/app/_components/ui/form";
import { callApi, firstErrors } from "@/app/[conference]/admin/_components/api";
import { formatMoney } from "@/lib/tickets/format-money";
import { CheckoutInput, MAX_QUANTITY } from "@/lib/tickets/schemas";
import type { CheckoutQuote } from "@/lib/tickets/price-checkout";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

export type CheckoutTicketType = {
  id: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  remaining: number | null;
  availability: "on-sale" | "sold-out" | "not-started" | "ended" | "inactive";
};

const availabilityLabel: Record<CheckoutTicketType["availability"], string> = {
  "on-sale": "On sale",
  "sold-out": "Sold out",
  "not-started": "Not on sale yet",
  ended: "Sales ended",
  inactive: "Unavailable",
};

/**
 * Pick a ticket, optionally apply a discount code, see the price the server computes, check out.
 * Prices always come from /api/checkout/quote: the browser never does the discount math.
 */
export function CheckoutForm({ ticketTypes, signedIn }: { ticketTypes: CheckoutTicketType[]; signedIn: boolean }) {
  const router = useRouter();
  const links = useConferenceLinks();
  const formId = useId();
  const firstOnSale = ticketTypes.find((t) => t.availability === "on-sale");
  const [ticketTypeId, setTicketTypeId] = useState(firstOnSale?.id ?? "");
  const [quantity, setQuantity] = useState("1");
  const [codeDraft, setCodeDraft] = useState("");
  // The code the shown price includes; a rejected code falls back to "" and keeps its message.
  const [appliedCode, setAppliedCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [quote, setQuote] = useState<CheckoutQuote | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Bumped by Apply so re-applying the same code asks again; `latest` drops stale answers.
  const [applyCount, setApplyCount] = useState(0);
  const latest = useRef(0);

  const requestQuote = useCallback(async () => {
    const parsed = CheckoutInput.safeParse({ ticketTypeId, quantity, discountCode: appliedCode });
    const request = ++latest.current;
    if (!parsed.success) {
      const fields: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fields[issue.path.join(".")] ??= []).push(issue.message);
      const first = firstErrors(fields);
      if (first.discountCode) {
        setCodeError(first.discountCode);
        setAppliedCode("");
        return;
      }
      setErrors(first);
      setQuote(null);
      return;
    }
    const result = await callApi<{ quote: CheckoutQuote }>("POST", links.api("/checkout/quote"), parsed.data);
    if (request !== latest.current) return; // a newer request answers instead
    if (result.ok) {
      setErrors({});
      setFormError(null);
      setQuote(result.data.quote);
      return;
    }
    const fields = firstErrors(result.error.fields);
    if (fields.discountCode) {
      // Show the reason, and the price without the code.
      setCodeError(fields.discountCode);
      setAppliedCode("");
      return;
    }
    setErrors(fields);
    setFormError(Object.keys(fields).length ? null : result.error.message);
    setQuote(null);
  }, [ticketTypeId, quantity, appliedCode, links]);

  // Re-price whenever the ticket, the quantity or the applied code changes.
  useEffect(() => {
    if (!ticketTypeId) return;
    const timer = setTimeout(() => void requestQuote(), 150);
    return () => clearTimeout(timer);
  }, [requestQuote, ticketTypeId, applyCount]);

  const codeNotApplied = codeDraft.trim().toUpperCase() !== appliedCode.toUpperCase() && !codeError;

  function applyCode() {
    setCodeError(null);
    setAppliedCode(codeDraft.trim());
    setApplyCount((n) => n + 1);
  }

  async function checkOut(event: React.FormEvent) {
    event.preventDefault();
    // A code typed but not applied yet: price it first, so nobody pays a price they did not see.
    if (codeNotApplied) {
      applyCode();
      return;
    }
    setPending(true);
    setFormError(null);
    const result = await callApi<{ order: { id: string }; paymentUrl: string | null }>("POST", links.api("/checkout"), {
      ticketTypeId,
      quantity: Number(quantity),
      discountCode: appliedCode || undefined,
    });
    if (!result.ok) {
      setPending(false);
      const fields = firstErrors(result.error.fields);
      if (fields.discountCode) {
        setCodeError(fields.discountCode);
        setAppliedCode("");
      } else {
        setErrors(fields);
      }
      setFormError(Object.keys(fields).length ? null : result.error.message);
      return;
    }
    if (result.data.paymentUrl) {
      window.location.assign(result.data.paymentUrl);
      return;
    }
    router.push(links.path(`/tickets/mine?order=${result.data.order.id}`));
    router.refresh();
  }

  if (!firstOnSale) {
    return <FormAlert tone="warning">No tickets are on sale right now.</FormAlert>;
  }

  return (
    <form onSubmit={checkOut} aria-labelledby={`${formId}-title`} className="grid gap-8 lg:grid-cols-[1fr_22rem]" noValidate>
      <fieldset className="space-y-3">
        <legend id={`${formId}-title`} className="mb-3 text-lg font-semibold">
          Choose your ticket
        </legend>
        {ticketTypes.map((type) => {
          const disabled = type.availability !== "on-sale";
          const checked = type.id === ticketTypeId;
          return (
            <label
              key={type.id}
              className={`flex cursor-pointer items-start gap-4 rounded-2xl border p-5 transition-colors ${checked ? "border-brand-500 bg-brand-50/60 ring-2 ring-brand-500/30 dark:bg-brand-500/10" : "border-zinc-200 bg-white hover:border-zinc-300 dark:border-zinc-800 dark:bg-zinc-900"} ${disabled ? "cursor-not-allowed opacity-60" : ""}`}
            >
              <input
                type="radio"
                name="ticketTypeId"
                value={type.id}
                checked={checked}
                disabled={disabled}
                onChange={() => setTicketTypeId(type.id)}
                className="mt-1 h-4 w-4 accent-brand-600"
              />
              <span className="flex-1">
                <span className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">{type.name}</span>
                  <span className="text-lg font-semibold tabular-nums">{formatMoney(type.priceCents, type.currency)}</span>
                </span>
                {type.description ? <span className="mt-1 block text-sm text-zinc-600 dark:text-zinc-400">{type.description}</span> : null}
                <span className="mt-2 block text-xs font-medium text-zinc-600 dark:text-zinc-400">
                  {availabilityLabel[type.availability]}
                  {type.availability === "on-sale" && type.remaining !== null ? ` · ${type.remaining} left` : ""}
                </span>
              </span>
            </label>
          );
        })}
        {errors.ticketTypeId ? (
          <p className="text-sm text-red-600 dark:text-red-400" role="alert">
            {errors.ticketTypeId}
          </p>
        ) : null}
      </fieldset>

      <div className="space-y-5 rounded-2xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900 lg:sticky lg:top-24 lg:self-start">
        <h2 className="text-lg font-semibold">Your order</h2>
        <Field
          label="Quantity"
          name="quantity"
          type="number"
          min={1}
          max={MAX_QUANTITY}
          inputMode="numeric"
          value={quantity}
          onChange={(e) => setQuantity(e.target.value)}
          error={errors.quantity}
        />
        <div className="space-y-1">
          <div className="flex items-end gap-2">
            <div className="flex-1">
              <Field
                label="Discount code"
                name="discountCode"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={codeDraft}
                onChange={(e) => {
                  setCodeDraft(e.target.value);
                  setCodeError(null);
                }}
                onKeyDown={(e) => {
                  if (e.key === "Enter") {
                    e.preventDefault();
                    applyCode();
                  }
                }}
                error={codeError ?? undefined}
              />
            </div>
            <Button type="button" variant="secondary" onClick={applyCode} className={codeError ? "mb-5" : ""}>
              Apply
            </Button>
          </div>
        </div>

        <dl aria-live="polite" aria-label="Price" className="space-y-2 border-t border-zinc-200 pt-4 text-sm dark:border-zinc-800">
          {quote ? (
            <>
              <div className="flex justify-between">
                <dt className="text-zinc-600 dark:text-zinc-400">
                  {quote.quantity} × {quote.ticketType.name}
                </dt>
                <dd className="tabular-nums">{formatMoney(quote.subtotalCents, quote.currency)}</dd>
              </div>
              {quote.discountCode ? (
                <div className="flex justify-between text-emerald-700 dark:text-emerald-400">
                  <dt>Code {quote.discountCode.code}</dt>
                  <dd className="tabular-nums">−{formatMoney(quote.discountCents, quote.currency).replace("Free", "0")}</dd>
                </div>
              ) : null}
              <div className="flex justify-between text-base font-semibold">
                <dt>Total</dt>
                <dd className="tabular-nums" data-testid="order-total">
                  {formatMoney(quote.totalCents, quote.currency)}
                </dd>
              </div>
            </>
          ) : (
            <div className="text-zinc-500">Choose a ticket to see the price.</div>
          )}
        </dl>

        {formError ? <FormAlert>{formError}</FormAlert> : null}

        {signedIn ? (
          <Button type="submit" className="w-full" disabled={pending || !quote}>
            {pending ? "Placing your order…" : codeNotApplied ? "Update price" : quote && quote.totalCents === 0 ? "Get my ticket" : "Check out"}
          </Button>
        ) : (
          <Link href={`/sign-in?next=${links.path("/tickets")}`} className={buttonClass("primary", "md", "w-full")}>
            Sign in to check out
          </Link>
        )}
        <p className="text-xs text-zinc-500">Free and fully discounted orders are confirmed at once.</p>
      </div>
    </form>
  );
}
