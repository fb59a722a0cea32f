import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";

/** A code may only be scoped to ticket types of its own conference. */
export async function assertTicketTypesInConference(options: { conferenceId: string; ticketTypeIds: string[] }): Promise<void> {
  const ids = [...new Set(options.ticketTypeIds)];
  if (ids.length === 0) return;
  const found = await prisma.ticketType.count({ where: { id: { in: ids }, conferenceId: options.conferenceId } });
  if (found !== ids.length) {
    const message = "Choose ticket types of this conference";
    throw new AppError("INVALID_INPUT", message, { fields: { ticketTypeIds: [message] } });
  }
}
