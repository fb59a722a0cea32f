import { prisma, type TicketType } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import type { CreateTicketTypeInput } from "./schemas";

export async function createTicketType(options: { conferenceId: string; input: CreateTicketTypeInput }): Promise<TicketType> {
  const { conferenceId, input } = options;
  const conference = await prisma.conference.findUnique({ where: { id: conferenceId }, select: { currency: true } });
  if (!conference) throw notFound("Conference");
  return prisma.ticketType.create({ data: { ...input, currency: input.currency ?? conference.currency, conferenceId } });
}
