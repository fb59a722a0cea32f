import { prisma, type Ticket } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { publishDomainEvent } from "@/lib/realtime/notify";

/**
 * Revokes one ticket: its holder loses access at once (permissions read VALID tickets only) and
 * the seat goes back into the quota; open sockets of the holder are re-checked (the realtime
 * nodes drop them, and they reconnect with what is left). Revoking twice is a no-op.
 */
export async function revokeTicket(options: { ticketId: string; conferenceId: string; now?: Date }): Promise<{ ticket: Ticket; changed: boolean }> {
  const { ticketId, conferenceId } = options;
  const now = options.now ?? new Date();
  const result = await prisma.$transaction(async (tx) => {
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
  if (result.changed) await publishDomainEvent({ type: "access:changed", conferenceId, userId: result.ticket.userId });
  return result;
}
