import { prisma, type Ticket } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/**
 * Revokes one ticket: its holder loses access at once (permissions read VALID tickets only) and
 * the seat goes back into the quota. Revoking twice is a no-op.
 */
export async function revokeTicket(options: { ticketId: string; conferenceId: string; now?: Date }): Promise<{ ticket: Ticket; changed: boolean }> {
  const { ticketId, conferenceId } = options;
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const revoked = await tx.ticket.updateMany({
      where: { id: ticketId, conferenceId, status: "VALID" },
      data: { status: "REVOKED", revokedAt: now },
    });
    const ticket = await tx.ticket.findFirst({ where: { id: ticketId, conferenceId } });
    if (!ticket) throw notFound("Ticket");
    if (revoked.count === 1) {
      await tx.$executeRaw`UPDATE "TicketType" SET "sold" = GREATEST(0, "sold" - 1) WHERE "id" = ${ticket.ticketTypeId}`;
    }
    return { ticket, changed: revoked.count === 1 };
  });
}
