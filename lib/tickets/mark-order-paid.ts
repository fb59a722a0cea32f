import { prisma, type Order, type Ticket } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";

/**
 * Settles a pending order and issues its tickets. Idempotent: Stripe retries webhooks and an
 * organizer may click twice; only the call whose conditional update wins issues tickets.
 * The seats were already taken at checkout, so no quota check is needed here.
 */
export async function markOrderPaid(options: {
  orderId: string;
  // Scopes an organizer's action to their conference; the Stripe webhook passes none.
  conferenceId?: string;
  stripeSessionId?: string;
  now?: Date;
}): Promise<{ order: Order; tickets: Ticket[]; changed: boolean }> {
  const { orderId, conferenceId, stripeSessionId } = options;
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const settled = await tx.order.updateMany({
      where: { id: orderId, status: "PENDING", ...(conferenceId ? { conferenceId } : {}) },
      data: { status: "PAID", paidAt: now, ...(stripeSessionId ? { stripeSessionId } : {}) },
    });
    const order = await tx.order.findFirst({ where: { id: orderId, ...(conferenceId ? { conferenceId } : {}) } });
    if (!order) throw notFound("Order");
    if (settled.count === 0) {
      if (order.status === "CANCELLED") throw new AppError("CONFLICT", "This order was cancelled and cannot be paid");
      return { order, tickets: await tx.ticket.findMany({ where: { orderId } }), changed: false };
    }
    const tickets = await tx.ticket.createManyAndReturn({
      data: Array.from({ length: order.quantity }, () => ({
        conferenceId: order.conferenceId,
        orderId: order.id,
        ticketTypeId: order.ticketTypeId,
        userId: order.userId,
      })),
    });
    return { order, tickets, changed: true };
  });
}
