import { prisma } from "@/lib/db/client";
import type { OrderStatus, TicketStatus } from "@/lib/db/generated/enums";

export type MyOrder = {
  id: string;
  status: OrderStatus;
  createdAt: Date;
  quantity: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
  ticketType: { id: string; name: string };
  discountCode: string | null;
  tickets: { id: string; status: TicketStatus }[];
};

/** An attendee's orders and tickets in one conference, newest first. */
export async function listMyOrders(options: { conferenceId: string; userId: string }): Promise<MyOrder[]> {
  const rows = await prisma.order.findMany({
    where: { conferenceId: options.conferenceId, userId: options.userId },
    orderBy: { createdAt: "desc" },
    include: {
      ticketType: { select: { id: true, name: true } },
      discountCode: { select: { code: true } },
      tickets: { select: { id: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    createdAt: row.createdAt,
    quantity: row.quantity,
    subtotalCents: row.subtotalCents,
    discountCents: row.discountCents,
    totalCents: row.totalCents,
    currency: row.currency,
    ticketType: row.ticketType,
    discountCode: row.discountCode?.code ?? null,
    tickets: row.tickets,
  }));
}
