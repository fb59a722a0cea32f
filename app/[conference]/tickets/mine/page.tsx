import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getPageContext } from "@/app/_lib/page-context";
import { PageHeader, EmptyState, Card } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink } from "@/app/_components/ui/button";
import { FormAlert } from "@/app/_components/ui/form";
import { listMyOrders } from "@/lib/tickets/list-my-orders";
import { syncOrderPayment } from "@/lib/tickets/sync-order-payment";
import { formatMoney } from "@/lib/tickets/format-money";
import { CancelOrderButton } from "../_components/cancel-order-button";

export const metadata: Metadata = { title: "My tickets" };

const orderTone = { PAID: "success", PENDING: "warning", CANCELLED: "neutral" } as const;
const orderLabel = { PAID: "Paid", PENDING: "Awaiting payment", CANCELLED: "Cancelled" } as const;

export default async function MyTicketsPage({ searchParams }: { searchParams: Promise<{ order?: string }> }) {
  const { conference, user, href } = await getPageContext();
  if (!user) redirect(`/sign-in?next=${href("/tickets/mine")}`);
  const { order: highlighted } = await searchParams;
  // Back from Stripe Checkout: settle the order now rather than wait for the webhook.
  if (highlighted) await syncOrderPayment({ conferenceId: conference.id, userId: user.id, orderId: highlighted });
  const orders = await listMyOrders({ conferenceId: conference.id, userId: user.id });
  const just = orders.find((o) => o.id === highlighted);
  const validTickets = orders.flatMap((o) => o.tickets).filter((t) => t.status === "VALID").length;

  return (
    <div>
      <PageHeader
        title="My tickets"
        description={validTickets > 0 ? `You hold ${validTickets} valid ticket${validTickets === 1 ? "" : "s"} for ${conference.name}.` : undefined}
        actions={
          <ButtonLink href={href("/tickets")} variant="secondary" size="sm">
            Buy tickets
          </ButtonLink>
        }
      />
      {just ? (
        <div className="mb-6">
          {just.status === "PAID" ? (
            <FormAlert tone="success">
              You&apos;re in! Your order is confirmed.{" "}
              <Link href={href("/schedule")} className="font-medium underline">
                Open the schedule
              </Link>
            </FormAlert>
          ) : just.status === "PENDING" ? (
            <FormAlert tone="warning">Your order is placed and awaits payment confirmation. Your ticket appears here once it is paid.</FormAlert>
          ) : null}
        </div>
      ) : null}
      {orders.length === 0 ? (
        <EmptyState title="No tickets yet">
          <div className="mt-4">
            <ButtonLink href={href("/tickets")}>See tickets</ButtonLink>
          </div>
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="My orders">
          {orders.map((order) => (
            <li key={order.id}>
              <Card className={`p-5 ${order.id === highlighted ? "ring-2 ring-brand-500/40" : ""}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="font-semibold">
                      {order.quantity} × {order.ticketType.name}
                    </h2>
                    <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                      Order {order.id} · {order.createdAt.toISOString().slice(0, 10)}
                      {order.discountCode ? ` · code ${order.discountCode}` : ""}
                    </p>
                  </div>
                  <div className="text-right">
                    <Badge tone={orderTone[order.status]}>{orderLabel[order.status]}</Badge>
                    <p className="mt-2 font-semibold tabular-nums">{formatMoney(order.totalCents, order.currency)}</p>
                    {order.discountCents > 0 ? (
                      <p className="text-xs text-zinc-500 tabular-nums">
                        <s>{formatMoney(order.subtotalCents, order.currency)}</s>
                      </p>
                    ) : null}
                    {order.status === "PENDING" ? (
                      <div className="mt-3">
                        <CancelOrderButton orderId={order.id} />
                      </div>
                    ) : null}
                  </div>
                </div>
                {order.tickets.length > 0 ? (
                  <ul className="mt-4 flex flex-wrap gap-2" aria-label="Tickets">
                    {order.tickets.map((ticket) => (
                      <li key={ticket.id}>
                        <Badge tone={ticket.status === "VALID" ? "brand" : "neutral"}>
                          Ticket …{ticket.id.slice(-6)} · {ticket.status === "VALID" ? "Valid" : "Revoked"}
                        </Badge>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
