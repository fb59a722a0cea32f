import { prisma, Prisma, type DiscountCode } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertTicketTypesInConference } from "./assert-ticket-types";
import type { CreateDiscountCodeInput } from "./schemas";

export async function createDiscountCode(options: { conferenceId: string; input: CreateDiscountCodeInput }): Promise<DiscountCode> {
  const { conferenceId, input } = options;
  const { ticketTypeIds, code, ...rules } = input;
  await assertTicketTypesInConference({ conferenceId, ticketTypeIds });
  try {
    return await prisma.discountCode.create({
      data: {
        ...rules,
        code: code.toUpperCase(),
        conferenceId,
        ticketTypes: { connect: ticketTypeIds.map((id) => ({ id })) },
      },
    });
  } catch (error) {
    // The unique index decides, not a lookup beforehand: two organizers may type the same code.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const message = `The code ${code.toUpperCase()} already exists`;
      throw new AppError("CONFLICT", message, { fields: { code: [message] } });
    }
    throw error;
  }
}
