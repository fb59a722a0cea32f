import { prisma, type Order } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";

/**
 * Cancels an unpaid order and gives its seats and code uses back, all in one transaction.
 * Used when a payment session expires or cannot be started, and by organizers.
 * Paid orders are not cancelled here: revoke their tickets instead.
 */
export async function cancelOrder(options: {
  orderId: string;
  conferenceId?: string;
  // Scopes an attendee's own cancellation to their orders.
  userId?: string;
}): Promise<{ order: Order; changed: boolean }> {
  const { orderId, conferenceId, userId } = options;
  const scope = { ...(conferenceId ? { conferenceId } : {}), ...(userId ? { userId } : {}) };
  return prisma.$transaction(async (tx) => {
    const cancelled = await tx.order.updateMany({
      where: { id: orderId, status: "PENDING", ...scope },
      data: { status: "CANCELLED" },
    });
    const order = await tx.order.findFirst({ where: { id: orderId, ...scope } });
    if (!order) throw notFound("Order");
    if (cancelled.count === 0) {
      if (order.status === "PAID") throw new AppError("CONFLICT", "This order is paid; revoke its tickets instead");
      return { order, changed: false };
    }
    if (order.discountCodeId) {
      await tx.$executeRaw`UPDATE "DiscountCode" SET "redemptions" = GREATEST(0, "redemptions" - ${order.quantity}) WHERE "id" = ${order.discountCodeId}`;
      // Frees a once-per-attendee code for this attendee's next try.
      await tx.discountRedemption.deleteMany({ where: { orderId } });
    }
    // Code before ticket type: the lock order of place-order, so the two never deadlock.
    await tx.$executeRaw`UPDATE "TicketType" SET "sold" = GREATEST(0, "sold" - ${order.quantity}) WHERE "id" = ${order.ticketTypeId}`;
    return { order, changed: true };
  });
}
