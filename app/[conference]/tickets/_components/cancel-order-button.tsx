"use client";
import { RowAction } from "@/app/admin/tickets/_components/row-action";

/** Withdraws the attendee's own unpaid order; its seats go back on sale. */
export function CancelOrderButton({ orderId, label = "Cancel order" }: { orderId: string; label?: string }) {
  return <RowAction url={`/api/tickets/orders/${orderId}/cancel`} label={label} pendingLabel="Cancelling…" />;
}
