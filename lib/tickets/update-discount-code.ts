import { prisma, type DiscountCode } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { windowIsOrdered, type UpdateDiscountCodeInput } from "./schemas";

/**
 * Changes a code's limits or validity. A lower limit is applied with a conditional update
 * (`redemptions <= max`), so it can never fall below uses that concurrent checkouts already took.
 */
export async function updateDiscountCode(options: {
  conferenceId: string;
  discountCodeId: string;
  input: UpdateDiscountCodeInput;
}): Promise<DiscountCode> {
  const { conferenceId, discountCodeId, input } = options;
  const current = await prisma.discountCode.findFirst({ where: { id: discountCodeId, conferenceId } });
  if (!current) throw notFound("Discount code");
  const validFrom = input.validFrom !== undefined ? input.validFrom : current.validFrom;
  const validUntil = input.validUntil !== undefined ? input.validUntil : current.validUntil;
  if (!windowIsOrdered(validFrom, validUntil)) {
    const message = "A code must expire after it becomes valid";
    throw new AppError("INVALID_INPUT", message, { fields: { validUntil: [message] } });
  }
  const updated = await prisma.discountCode.updateMany({
    where: {
      id: discountCodeId,
      conferenceId,
      ...(typeof input.maxRedemptions === "number" ? { redemptions: { lte: input.maxRedemptions } } : {}),
    },
    data: input,
  });
  if (updated.count === 0) {
    const { redemptions } = await prisma.discountCode.findUniqueOrThrow({ where: { id: discountCodeId }, select: { redemptions: true } });
    const message = `The code is already used ${redemptions} times: the limit cannot be lower`;
    throw new AppError("CONFLICT", message, { fields: { maxRedemptions: [message] } });
  }
  return prisma.discountCode.findUniqueOrThrow({ where: { id: discountCodeId } });
}
