"use client";
import { useConferenceLinks } from "@/app/_components/use-conference-links";
import { RowAction } from "@/app/[conference]/admin/tickets/_components/row-action";

/** Withdraws the attendee's own unpaid order; its seats go back on sale. */
export function CancelOrderButton({ orderId, label = "Cancel order" }: { orderId: string; label?: string }) {
  const links = useConferenceLinks();
  return <RowAction url={links.api(`/tickets/orders/${orderId}/cancel`)} label={label} pendingLabel="Cancelling…" />;
}
