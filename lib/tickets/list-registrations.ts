import { prisma, type Prisma } from "@/lib/db/client";
import type { RegistrationsQuery } from "./schemas";

export type Registration = {
  ticketId: string;
  status: "VALID" | "REVOKED";
  issuedAt: Date;
  revokedAt: Date | null;
  attendee: { id: string; name: string; email: string };
  ticketType: { id: string; name: string };
  order: { id: string; totalCents: number; currency: string; discountCode: string | null };
};

/** Issued tickets of a conference, newest first; `q` matches name, e-mail, ticket/order id or code. */
export async function listRegistrations(options: {
  conferenceId: string;
  query: Partial<RegistrationsQuery>;
}): Promise<{ registrations: Registration[]; total: number }> {
  const { conferenceId, query } = options;
  const q = query.q?.trim();
  const where: Prisma.TicketWhereInput = {
    conferenceId,
    ...(query.status ? { status: query.status } : {}),
    ...(q
      ? {
          OR: [
            { user: { name: { contains: q, mode: "insensitive" } } },
            { user: { email: { contains: q, mode: "insensitive" } } },
            { id: q },
            { orderId: q },
            { order: { discountCode: { code: q.toUpperCase() } } },
            { ticketType: { name: { contains: q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.ticket.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: query.take ?? 100,
      skip: query.skip ?? 0,
      include: {
        user: { select: { id: true, name: true, email: true } },
        ticketType: { select: { id: true, name: true } },
        order: { select: { id: true, totalCents: true, currency: true, discountCode: { select: { code: true } } } },
      },
    }),
    prisma.ticket.count({ where }),
  ]);
  return {
    total,
    registrations: rows.map((row) => ({
      ticketId: row.id,
      status: row.status,
      issuedAt: row.createdAt,
      revokedAt: row.revokedAt,
      attendee: row.user,
      ticketType: row.ticketType,
      order: {
        id: row.order.id,
        totalCents: row.order.totalCents,
        currency: row.order.currency,
        discountCode: row.order.discountCode?.code ?? null,
      },
    })),
  };
}
