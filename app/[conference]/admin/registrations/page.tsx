import type { Metadata } from "next";
import { DataTable } from "@/app/_components/ui/table";
import Link from "next/link";
import { PageHeader, EmptyState } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button";
import { listRegistrations } from "@/lib/tickets/list-registrations";
import { listOrders } from "@/lib/tickets/list-orders";
import { formatMoney } from "@/lib/tickets/format-money";
import { OrdersQuery, RegistrationsQuery } from "@/lib/tickets/schemas";
import { zoneAbbreviation } from "@/lib/schedule/time-zones";
import { getOrganizerContext } from "../_lib/organizer-context";
import { RowAction } from "../tickets/_components/row-action";
import { conferenceApiPath } from "@/lib/conference/conference-path";

export const metadata: Metadata = { title: "Registrations" };

type Search = { q?: string; view?: string; page?: string };
const PAGE_SIZE = 50;

/** In the conference's zone, and saying so ("01/06/2026, 10:00 GMT+2"), with the instant for machines. */
function when(date: Date | null, timeZone: string) {
  if (!date) return "—";
  const text = `${date.toLocaleString("en-GB", { timeZone, dateStyle: "short", timeStyle: "short" })} ${zoneAbbreviation(date, timeZone)}`;
  return (
    <time dateTime={date.toISOString()} title={timeZone}>
      {text}
    </time>
  );
}

export default async function RegistrationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const context = await getOrganizerContext();
  const { conference } = context;
  const search = await searchParams;
  const view = search.view === "orders" ? "orders" : "attendees";
  const q = search.q?.trim() || undefined;
  const page = Math.max(1, Number(search.page) || 1);
  const paging = { take: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE };
  const zone = conference.timeZone;
  const exportHref = (kind: string) =>
    `${conferenceApiPath(conference.slug, "/admin/tickets/export")}?kind=${kind}${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  const href = (next: Partial<Search>) => {
    const params = new URLSearchParams();
    const merged = { q, view, ...next };
    for (const [k, v] of Object.entries(merged))
      if (v && !(k === "view" && v === "attendees") && !(k === "page" && v === "1")) params.set(k, String(v));
    const s = params.toString();
    return `${context.href("/admin/registrations")}${s ? `?${s}` : ""}`;
  };

  const data =
    view === "attendees"
      ? {
          kind: "attendees" as const,
          ...(await listRegistrations({ conferenceId: conference.id, query: RegistrationsQuery.parse({ q, ...paging }) })),
        }
      : { kind: "orders" as const, ...(await listOrders({ conferenceId: conference.id, query: OrdersQuery.parse({ q, ...paging }) })) };
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));

  return (
    <div className="space-y-6">
      <PageHeader
        title="Registrations"
        description="Everyone holding a ticket, and every order. Search by name, e-mail, order or ticket id, or discount code."
        actions={
          <>
            <a href={exportHref("attendees")} className={buttonClass("secondary", "sm")} download>
              Export attendees (CSV)
            </a>
            <a href={exportHref("orders")} className={buttonClass("secondary", "sm")} download>
              Export orders (CSV)
            </a>
          </>
        }
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Registrations view" className="flex gap-1 rounded-xl bg-zinc-100 p-1 text-sm dark:bg-zinc-800">
          {(["attendees", "orders"] as const).map((v) => (
            <Link
              key={v}
              href={href({ view: v, page: "1" })}
              aria-current={view === v ? "page" : undefined}
              className={`rounded-lg px-3 py-1.5 font-medium ${view === v ? "bg-white shadow-sm dark:bg-zinc-900" : "text-zinc-600 dark:text-zinc-400"}`}
            >
              {v === "attendees" ? "Attendees" : "Orders"}
            </Link>
          ))}
        </nav>
        <form role="search" action={context.href("/admin/registrations")} className="flex gap-2">
          {view === "orders" ? <input type="hidden" name="view" value="orders" /> : null}
          <label htmlFor="registrations-search" className="sr-only">
            Search registrations
          </label>
          <input
            id="registrations-search"
            type="search"
            name="q"
            defaultValue={q}
            placeholder="Name, e-mail, id or code"
            className="w-72 rounded-xl border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" className={buttonClass("primary", "md")}>
            Search
          </button>
        </form>
      </div>
      <p className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
        {data.total} {data.kind === "attendees" ? "ticket" : "order"}
        {data.total === 1 ? "" : "s"}
        {q ? ` matching “${q}”` : ""}
      </p>

      {data.total === 0 ? (
        <EmptyState title={q ? "Nothing matches" : data.kind === "attendees" ? "No tickets issued yet" : "No orders yet"} />
      ) : data.kind === "attendees" ? (
        <DataTable
          caption="Issued tickets"
          columns={[
            { label: "Attendee" },
            { label: "Ticket" },
            { label: "Order" },
            { label: "Issued" },
            { label: "Status" },
            { label: "Actions", hidden: true },
          ]}
        >
          {data.registrations.map((r) => (
            <tr key={r.ticketId}>
              <th scope="row" className="px-4 py-3 font-medium">
                {r.attendee.name}
                <span className="block text-xs font-normal text-zinc-500">{r.attendee.email}</span>
              </th>
              <td className="px-4 py-3">
                {r.ticketType.name}
                <span className="block font-mono text-xs text-zinc-500">{r.ticketId}</span>
              </td>
              <td className="px-4 py-3 text-xs">
                {formatMoney(r.order.totalCents, r.order.currency)}
                {r.order.discountCode ? <span className="block font-mono text-zinc-500">{r.order.discountCode}</span> : null}
              </td>
              <td className="px-4 py-3 text-xs">{when(r.issuedAt, zone)}</td>
              <td className="px-4 py-3">
                <Badge tone={r.status === "VALID" ? "success" : "neutral"}>{r.status === "VALID" ? "Valid" : "Revoked"}</Badge>
              </td>
              <td className="px-4 py-3 text-right">
                {r.status === "VALID" ? (
                  <RowAction
                    url={conferenceApiPath(conference.slug, `/admin/tickets/registrations/${r.ticketId}/revoke`)}
                    label="Revoke"
                    accessibleLabel={`Revoke ${r.attendee.name}'s ticket ${r.ticketId}`}
                    confirm={`Revoke ${r.attendee.name}'s ${r.ticketType.name} ticket? They lose access at once.`}
                    variant="danger"
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <DataTable
          caption="Orders"
          columns={[
            { label: "Attendee" },
            { label: "Order" },
            { label: "Total" },
            { label: "Placed" },
            { label: "Status" },
            { label: "Actions", hidden: true },
          ]}
        >
          {data.orders.map((o) => (
            <tr key={o.id}>
              <th scope="row" className="px-4 py-3 font-medium">
                {o.attendee.name}
                <span className="block text-xs font-normal text-zinc-500">{o.attendee.email}</span>
              </th>
              <td className="px-4 py-3">
                {o.quantity} × {o.ticketType.name}
                <span className="block font-mono text-xs text-zinc-500">{o.id}</span>
              </td>
              <td className="px-4 py-3 tabular-nums">
                {formatMoney(o.totalCents, o.currency)}
                {o.discountCode ? (
                  <span className="block text-xs text-zinc-500">
                    −{formatMoney(o.discountCents, o.currency)} · <span className="font-mono">{o.discountCode}</span>
                  </span>
                ) : null}
              </td>
              <td className="px-4 py-3 text-xs">{when(o.createdAt, zone)}</td>
              <td className="px-4 py-3">
                <Badge tone={o.status === "PAID" ? "success" : o.status === "PENDING" ? "warning" : "neutral"}>
                  {o.status === "PAID" ? (o.paidWithStripe ? "Paid (Stripe)" : "Paid") : o.status === "PENDING" ? "Pending" : "Cancelled"}
                </Badge>
              </td>
              <td className="space-x-2 px-4 py-3 text-right whitespace-nowrap">
                {o.status === "PENDING" ? (
                  <>
                    <RowAction
                      url={conferenceApiPath(conference.slug, `/admin/tickets/orders/${o.id}/paid`)}
                      label="Mark paid"
                      accessibleLabel={`Mark order ${o.id} of ${o.attendee.name} paid`}
                      variant="primary"
                    />
                    <RowAction
                      url={conferenceApiPath(conference.slug, `/admin/tickets/orders/${o.id}/cancel`)}
                      label="Cancel"
                      accessibleLabel={`Cancel order ${o.id} of ${o.attendee.name}`}
                      confirm="Cancel this unpaid order? Its seats and code uses are released."
                    />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {pages > 1 ? (
        <nav aria-label="Pages" className="flex items-center justify-between text-sm">
          {page > 1 ? (
            <Link href={href({ page: String(page - 1) })} className="font-medium text-brand-600">
              ← Previous
            </Link>
          ) : (
            <span />
          )}
          <span className="text-zinc-500">
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={href({ page: String(page + 1) })} className="font-medium text-brand-600">
              Next →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
