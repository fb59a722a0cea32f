import { prisma, type Order, type Ticket } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { logger } from "@/lib/logging/logger";

/**
 * Stripe reports a completed payment for an order we had cancelled (cancelled before its Checkout
 * session could be expired, or before that was done at all). The money is taken, so refusing is
 * no answer: Stripe would redeliver for days and the attendee would have paid for nothing.
 * Recording it only "for refund" still leaves a paying attendee without the ticket they bought.
 * So the order is reinstated: paid, its seats and code use taken back (even past the quota: the
 * payment is real, an organizer can still revoke and refund), its tickets issued, and the case
 * logged for the organizers. Idempotent: a redelivery finds the order paid and changes nothing.
 */
export async function reinstatePaidOrder(options: {
  orderId: string;
  stripeSessionId: string;
  now?: Date;
}): Promise<{ order: Order; tickets: Ticket[]; changed: boolean }> {
  const { orderId, stripeSessionId } = options;
  const now = options.now ?? new Date();
  const result = await prisma.$transaction(async (tx) => {
    const reinstated = await tx.order.updateMany({
      where: { id: orderId, status: "CANCELLED" },
      data: { status: "PAID", paidAt: now, stripeSessionId },
    });
    const order = await tx.order.findFirst({ where: { id: orderId } });
    if (!order) throw notFound("Order");
    if (reinstated.count === 0) return { order, tickets: await tx.ticket.findMany({ where: { orderId } }), changed: false, overQuota: false };
    // Code before ticket type: the lock order of place-order and cancel-order.
    if (order.discountCodeId) {
      await tx.$executeRaw`UPDATE "DiscountCode" SET "redemptions" = "redemptions" + ${order.quantity} WHERE "id" = ${order.discountCodeId}`;
      await tx.discountRedemption.createMany({
        data: [{ discountCodeId: order.discountCodeId, orderId, userId: order.userId }],
        skipDuplicates: true,
      });
    }
    const [seats] = await tx.$queryRaw<{ sold: number; quota: number | null }[]>`
      UPDATE "TicketType" SET "sold" = "sold" + ${order.quantity} WHERE "id" = ${order.ticketTypeId} RETURNING "sold", "quota"`;
    const tickets = await tx.ticket.createManyAndReturn({
      data: Array.from({ length: order.quantity }, () => ({
        conferenceId: order.conferenceId,
        orderId: order.id,
        ticketTypeId: order.ticketTypeId,
        userId: order.userId,
      })),
    });
    return { order, tickets, changed: true, overQuota: !!seats && seats.quota !== null && seats.sold > seats.quota };
  });
  if (result.changed) {
    logger.warn(
      `order ${orderId} was cancelled but Stripe session ${stripeSessionId} was paid: order reinstated and ${result.tickets.length} ticket(s) issued` +
        (result.overQuota ? " (the ticket type is now over its quota)" : "") +
        "; revoke and refund in Stripe if it should not stand",
    );
  }
  return { order: result.order, tickets: result.tickets, changed: result.changed };
}
