import type { Metadata } from "next";
import Link from "next/link";
import { getPageContext } from "@/app/_lib/page-context";
import { PageHeader } from "@/app/_components/ui/card";
import { FormAlert } from "@/app/_components/ui/form";
import { listTicketTypes } from "@/lib/tickets/list-ticket-types";
import { listMyOrders } from "@/lib/tickets/list-my-orders";
import { CheckoutForm } from "./_components/checkout-form";
import { CancelOrderButton } from "./_components/cancel-order-button";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage({ searchParams }: { searchParams: Promise<{ cancelled?: string }> }) {
  const { conference, user, viewer, href } = await getPageContext();
  const { cancelled } = await searchParams;
  const [ticketTypes, myOrders] = await Promise.all([
    listTicketTypes({ conferenceId: conference.id }),
    cancelled && user ? listMyOrders({ conferenceId: conference.id, userId: user.id }) : Promise.resolve([]),
  ]);
  // Back from Stripe without paying: offer to release that order now rather than in 30 minutes.
  const abandoned = myOrders.find((o) => o.id === cancelled && o.status === "PENDING");
  return (
    <div>
      <PageHeader
        title="Tickets"
        description={`A ticket lets you watch every talk of ${conference.name} live and in replay, and join the chat.`}
        actions={
          user ? (
            <Link href={href("/tickets/mine")} className="text-sm font-medium text-brand-600 hover:underline">
              My tickets →
            </Link>
          ) : null
        }
      />
      {viewer.hasTicket ? (
        <div className="mb-6">
          <FormAlert tone="success">
            You already have a ticket.{" "}
            <Link href={href("/tickets/mine")} className="font-medium underline">
              See my tickets
            </Link>{" "}
            — or buy more below.
          </FormAlert>
        </div>
      ) : null}
      {abandoned ? (
        <div className="mb-6">
          <FormAlert tone="warning">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <span>Payment was cancelled and nothing was charged. Your order is held for about 30 minutes unless you release it.</span>
              <CancelOrderButton orderId={abandoned.id} label="Release my order" />
            </div>
          </FormAlert>
        </div>
      ) : null}
      <CheckoutForm
        signedIn={!!user}
        ticketTypes={ticketTypes.map((t) => ({
          id: t.id,
          name: t.name,
          description: t.description,
          priceCents: t.priceCents,
          currency: t.currency,
          remaining: t.remaining,
          availability: t.availability,
        }))}
      />
    </div>
  );
}
