import { prisma, type Prisma } from "@/lib/db/client";
import type { OrderStatus } from "@/lib/db/generated/enums";
import type { OrdersQuery } from "./schemas";

export type OrderSummary = {
  id: string;
  status: OrderStatus;
  createdAt: Date;
  paidAt: Date | null;
  quantity: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  attendee: { id: string; name: string; email: string };
  ticketType: { id: string; name: string };
  discountCode: string | null;
  paidWithStripe: boolean;
};

/** Orders of a conference, newest first; `q` matches name, e-mail, order id or code. */
export async function listOrders(options: { conferenceId: string; query: Partial<OrdersQuery> }): Promise<{ orders: OrderSummary[]; total: number }> {
  const { conferenceId, query } = options;
  const q = query.q?.trim();
  const where: Prisma.OrderWhereInput = {
    conferenceId,
    ...(query.status ? { status: query.status } : {}),
    ...(q
      ? {
          OR: [
            { user: { name: { contains: q, mode: "insensitive" } } },
            { user: { email: { contains: q, mode: "insensitive" } } },
            { id: q },
            { discountCode: { code: q.toUpperCase() } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.order.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: query.take ?? 100,
      skip: query.skip ?? 0,
      include: {
        user: { select: { id: true, name: true, email: true } },
        ticketType: { select: { id: true, name: true } },
        discountCode: { select: { code: true } },
      },
    }),
    prisma.order.count({ where }),
  ]);
  return {
    total,
    orders: rows.map((row) => ({
      id: row.id,
      status: row.status,
      createdAt: row.createdAt,
      paidAt: row.paidAt,
      quantity: row.quantity,
      subtotalCents: row.subtotalCents,
      discountCents: row.discountCents,
      totalCents: row.totalCents,
      currency: row.currency,
      attendee: row.user,
      ticketType: row.ticketType,
      discountCode: row.discountCode?.code ?? null,
      paidWithStripe: row.stripeSessionId !== null,
    })),
  };
}
