import type { Metadata } from "next";
import { DataTable } from "@/app/_components/ui/table";
import Link from "next/link";
import { PageHeader, Card, EmptyState } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { listTicketTypes, type TicketTypeSummary } from "@/lib/tickets/list-ticket-types";
import { listDiscountCodes } from "@/lib/tickets/list-discount-codes";
import { describeDiscount, formatMoney } from "@/lib/tickets/format-money";
import { getOrganizerContext } from "../_lib/organizer-context";
import { TicketTypeForm } from "./_components/ticket-type-form";
import { DiscountCodeForm } from "./_components/discount-code-form";
import { CodeLimitsForm } from "./_components/code-limits-form";
import { conferenceApiPath } from "@/lib/conference/conference-path";

export const metadata: Metadata = { title: "Tickets" };

const availability: Record<TicketTypeSummary["availability"], { label: string; tone: "success" | "warning" | "neutral" }> = {
  "on-sale": { label: "On sale", tone: "success" },
  "sold-out": { label: "Sold out", tone: "warning" },
  "not-started": { label: "Not started", tone: "neutral" },
  ended: { label: "Ended", tone: "neutral" },
  inactive: { label: "Hidden", tone: "neutral" },
};

const codeState = { active: "Active", scheduled: "Not valid yet", expired: "Expired", "used-up": "Used up" } as const;

function formatWhen(date: Date | null, timeZone: string): string {
  return date ? date.toLocaleString("en-GB", { timeZone, dateStyle: "medium", timeStyle: "short" }) : "—";
}

export default async function AdminTicketsPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const context = await getOrganizerContext();
  const { conference } = context;
  const { code: codeQuery } = await searchParams;
  const [ticketTypes, { discountCodes: codes, total: codeTotal }] = await Promise.all([
    listTicketTypes({ conferenceId: conference.id, includeInactive: true }),
    listDiscountCodes({ conferenceId: conference.id, q: codeQuery }),
  ]);
  const zone = conference.timeZone;
  const scopeOptions = ticketTypes.map((t) => ({ id: t.id, name: t.name }));

  return (
    <div className="space-y-12">
      <PageHeader
        title="Tickets & discount codes"
        description={`Quotas and code limits are enforced by the database: they never oversell. Times in ${zone}.`}
        actions={
          <Link href={context.href("/admin/registrations")} className="text-sm font-medium text-brand-600 hover:underline">
            Registrations →
          </Link>
        }
      />

      <section aria-labelledby="ticket-types" className="space-y-4">
        <h2 id="ticket-types" className="text-xl font-semibold">
          Ticket types
        </h2>
        {ticketTypes.length === 0 ? <EmptyState title="No ticket types yet">Create the first one below.</EmptyState> : null}
        <ul className="space-y-3" aria-label="Ticket types">
          {ticketTypes.map((t) => (
            <li key={t.id}>
              <Card className="p-5">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h3 className="font-semibold">
                      {t.name} <Badge tone={availability[t.availability].tone}>{availability[t.availability].label}</Badge>
                    </h3>
                    <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                      {formatMoney(t.priceCents, t.currency)} · sales {formatWhen(t.salesStartAt, zone)} → {formatWhen(t.salesEndAt, zone)}
                    </p>
                  </div>
                  <div className="text-right">
                    <p className="text-2xl font-semibold tabular-nums">
                      {t.sold}
                      <span className="text-base font-normal text-zinc-500"> / {t.quota ?? "∞"}</span>
                    </p>
                    <p className="text-xs text-zinc-500">sold</p>
                  </div>
                </div>
                {t.quota ? (
                  <div className="mt-3 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden="true">
                    <div className="h-full rounded-full bg-brand-600" style={{ width: `${Math.min(100, (t.sold / t.quota) * 100)}%` }} />
                  </div>
                ) : null}
                <details className="mt-4">
                  <summary className="cursor-pointer text-sm font-medium text-brand-600">Edit {t.name}</summary>
                  <div className="mt-4">
                    <TicketTypeForm
                      ticketType={{
                        id: t.id,
                        name: t.name,
                        description: t.description,
                        priceCents: t.priceCents,
                        currency: t.currency,
                        quota: t.quota,
                        salesStartAt: t.salesStartAt?.toISOString() ?? null,
                        salesEndAt: t.salesEndAt?.toISOString() ?? null,
                        active: t.active,
                      }}
                    />
                  </div>
                </details>
              </Card>
            </li>
          ))}
        </ul>
        <Card className="p-6">
          <h3 className="mb-4 font-semibold">New ticket type</h3>
          <TicketTypeForm defaultCurrency={conference.currency} />
        </Card>
      </section>

      <section aria-labelledby="discount-codes" className="space-y-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div className="flex items-baseline gap-3">
            <h2 id="discount-codes" className="text-xl font-semibold">
              Discount codes
            </h2>
            <a
              href={`${conferenceApiPath(conference.slug, "/admin/tickets/export")}?kind=codes`}
              className="text-sm font-medium text-brand-600 hover:underline"
              download
            >
              Export usage (CSV)
            </a>
          </div>
          <form role="search" className="flex gap-2" action={context.href("/admin/tickets")}>
            <label htmlFor="code-search" className="sr-only">
              Search codes
            </label>
            <input
              id="code-search"
              name="code"
              defaultValue={codeQuery}
              placeholder="Search codes"
              className="rounded-xl border border-zinc-300 bg-white px-3 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            />
          </form>
        </div>
        {codes.length === 0 ? (
          <EmptyState title={codeQuery ? "No code matches" : "No discount codes yet"} />
        ) : (
          <>
            {codeTotal > codes.length ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Showing the newest {codes.length} of {codeTotal} codes: search to narrow down, or{" "}
                <a
                  href={`${conferenceApiPath(conference.slug, "/admin/tickets/export")}?kind=codes`}
                  className="font-medium text-brand-600 underline"
                  download
                >
                  export them all
                </a>
                .
              </p>
            ) : null}
            <DataTable
              caption="Discount codes and their usage"
              columns={[
                { label: "Code" },
                { label: "Discount" },
                { label: "Used" },
                { label: "Valid" },
                { label: "Applies to" },
                { label: "Actions", hidden: true },
              ]}
            >
              {codes.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="px-4 py-3 font-mono font-medium">
                    {c.code}
                    {c.state !== "active" ? (
                      <Badge className="ml-2" tone="warning">
                        {codeState[c.state]}
                      </Badge>
                    ) : null}
                    {c.oncePerAttendee ? <Badge className="ml-2">once per attendee</Badge> : null}
                  </th>
                  <td className="px-4 py-3">{describeDiscount(c, ticketTypes[0]?.currency)}</td>
                  <td className="px-4 py-3 tabular-nums">
                    {c.redemptions} / {c.maxRedemptions ?? "∞"}
                    {c.orders > 0 ? (
                      <Link
                        href={context.href(`/admin/registrations?view=orders&q=${encodeURIComponent(c.code)}`)}
                        className="block text-xs text-brand-600 hover:underline"
                        aria-label={`${c.orders} order${c.orders === 1 ? "" : "s"} with ${c.code}`}
                      >
                        {c.orders} order{c.orders === 1 ? "" : "s"}
                      </Link>
                    ) : (
                      <span className="block text-xs text-zinc-500">0 orders</span>
                    )}
                  </td>
                  <td className="px-4 py-3 text-xs">
                    {formatWhen(c.validFrom, zone)} → {formatWhen(c.validUntil, zone)}
                  </td>
                  <td className="px-4 py-3 text-xs">{c.ticketTypes.length ? c.ticketTypes.map((t) => t.name).join(", ") : "All tickets"}</td>
                  <td className="px-4 py-3 text-xs">
                    <details>
                      <summary className="cursor-pointer font-medium text-brand-600">Edit limits</summary>
                      <div className="mt-3 w-[36rem] max-w-[80vw]">
                        <CodeLimitsForm
                          code={{
                            id: c.id,
                            code: c.code,
                            maxRedemptions: c.maxRedemptions,
                            validFrom: c.validFrom?.toISOString() ?? null,
                            validUntil: c.validUntil?.toISOString() ?? null,
                            oncePerAttendee: c.oncePerAttendee,
                          }}
                        />
                      </div>
                    </details>
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <Card className="p-6">
            <h3 className="mb-4 font-semibold">New discount code</h3>
            <DiscountCodeForm mode="single" ticketTypes={scopeOptions} />
          </Card>
          <Card className="p-6">
            <h3 className="mb-4 font-semibold">Generate codes in bulk</h3>
            <DiscountCodeForm mode="bulk" ticketTypes={scopeOptions} />
          </Card>
        </div>
      </section>
    </div>
  );
}
