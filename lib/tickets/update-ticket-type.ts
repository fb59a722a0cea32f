import { prisma, type TicketType } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { windowIsOrdered, type UpdateTicketTypeInput } from "./schemas";

/**
 * Edits a ticket type. A smaller quota is applied with a conditional update (`sold <= quota`), so
 * it can never drop below what concurrent checkouts have already sold.
 */
export async function updateTicketType(options: { conferenceId: string; ticketTypeId: string; input: UpdateTicketTypeInput }): Promise<TicketType> {
  const { conferenceId, ticketTypeId, input } = options;
  const current = await prisma.ticketType.findFirst({ where: { id: ticketTypeId, conferenceId } });
  if (!current) throw notFound("Ticket type");
  const salesStartAt = input.salesStartAt !== undefined ? input.salesStartAt : current.salesStartAt;
  const salesEndAt = input.salesEndAt !== undefined ? input.salesEndAt : current.salesEndAt;
  if (!windowIsOrdered(salesStartAt, salesEndAt)) {
    const message = "Sales must end after they start";
    throw new AppError("INVALID_INPUT", message, { fields: { salesEndAt: [message] } });
  }
  const updated = await prisma.ticketType.updateMany({
    where: {
      id: ticketTypeId,
      conferenceId,
      ...(typeof input.quota === "number" ? { sold: { lte: input.quota } } : {}),
    },
    data: input,
  });
  if (updated.count === 0) {
    const { sold } = await prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId }, select: { sold: true } });
    const message = `${sold} tickets are already sold: the quota cannot be lower`;
    throw new AppError("CONFLICT", message, { fields: { quota: [message] } });
  }
  return prisma.ticketType.findUniqueOrThrow({ where: { id: ticketTypeId } });
}
