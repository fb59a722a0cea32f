import { prisma, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { computeDiscount } from "./compute-discount";
import { discountCodeState } from "./discount-code-state";
import { ticketTypeAvailability } from "./ticket-type-availability";
import type { CheckoutInput } from "./schemas";
import type { DiscountKind } from "@/lib/db/generated/enums";

export type CheckoutQuote = {
  ticketType: { id: string; name: string; priceCents: number; currency: string };
  quantity: number;
  discountCode: { id: string; code: string; kind: DiscountKind; value: number; oncePerAttendee: boolean } | null;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  currency: string;
};

function fieldError(code: "INVALID_INPUT" | "CONFLICT" | "NOT_FOUND", field: string, message: string): AppError {
  return new AppError(code, message, { fields: { [field]: [message] } });
}

/**
 * What a checkout would cost right now, or the reason it cannot happen, in words an attendee
 * understands. Reads only: place-order re-checks every rule with conditional updates.
 */
export async function priceCheckout(options: {
  conferenceId: string;
  userId?: string | null;
  input: CheckoutInput;
  now?: Date;
  db?: Prisma.TransactionClient;
}): Promise<CheckoutQuote> {
  const { conferenceId, userId, input } = options;
  const now = options.now ?? new Date();
  const db = options.db ?? prisma;
  const quantity = input.quantity;

  // findUnique by id alone: Prisma batches concurrent ones into one query (a ticket rush quotes
  // hundreds at once); the conference is checked here.
  const found = await db.ticketType.findUnique({ where: { id: input.ticketTypeId } });
  const ticketType = found?.conferenceId === conferenceId ? found : null;
  const availability = ticketType ? ticketTypeAvailability(ticketType, now) : "inactive";
  if (!ticketType || availability === "inactive") {
    throw fieldError("NOT_FOUND", "ticketTypeId", "This ticket is not available");
  }
  if (availability === "not-started") {
    throw fieldError("CONFLICT", "ticketTypeId", `Sales for ${ticketType.name} have not started yet`);
  }
  if (availability === "ended") {
    throw fieldError("CONFLICT", "ticketTypeId", `Sales for ${ticketType.name} have ended`);
  }
  // Sold out or not, the quantity asked for decides (and says how many are left).
  if (ticketType.quota !== null && ticketType.sold + quantity > ticketType.quota) {
    const left = Math.max(0, ticketType.quota - ticketType.sold);
    throw fieldError(
      "CONFLICT",
      left === 0 ? "ticketTypeId" : "quantity",
      left === 0 ? `${ticketType.name} is sold out` : `Only ${left} ${ticketType.name} ticket${left === 1 ? "" : "s"} left`,
    );
  }

  let discountCode: CheckoutQuote["discountCode"] = null;
  if (input.discountCode) {
    const code = await db.discountCode.findUnique({
      where: { conferenceId_code: { conferenceId, code: input.discountCode.toUpperCase() } },
      include: { ticketTypes: { select: { id: true } } },
    });
    if (!code) throw fieldError("INVALID_INPUT", "discountCode", "This discount code does not exist");
    const state = discountCodeState(code, now);
    if (state === "scheduled") {
      throw fieldError("INVALID_INPUT", "discountCode", "This discount code is not valid yet");
    }
    if (state === "expired") {
      throw fieldError("INVALID_INPUT", "discountCode", "This discount code has expired");
    }
    if (code.ticketTypes.length > 0 && !code.ticketTypes.some((t) => t.id === ticketType.id)) {
      throw fieldError("INVALID_INPUT", "discountCode", `This discount code does not apply to ${ticketType.name}`);
    }
    if (code.maxRedemptions !== null && code.redemptions + quantity > code.maxRedemptions) {
      const left = Math.max(0, code.maxRedemptions - code.redemptions);
      throw fieldError(
        "CONFLICT",
        "discountCode",
        left === 0 ? "This discount code has been used up" : `This discount code has only ${left} use${left === 1 ? "" : "s"} left`,
      );
    }
    if (code.oncePerAttendee) {
      if (quantity > 1) throw fieldError("INVALID_INPUT", "discountCode", "This discount code is valid for one ticket only");
      if (userId) {
        const used = await db.discountRedemption.findFirst({ where: { discountCodeId: code.id, userId }, select: { id: true } });
        if (used) throw fieldError("CONFLICT", "discountCode", "You have already used this discount code");
      }
    }
    discountCode = { id: code.id, code: code.code, kind: code.kind, value: code.value, oncePerAttendee: code.oncePerAttendee };
  }

  const subtotalCents = ticketType.priceCents * quantity;
  const discountCents = computeDiscount({ unitPriceCents: ticketType.priceCents, quantity, rule: discountCode });
  return {
    ticketType: { id: ticketType.id, name: ticketType.name, priceCents: ticketType.priceCents, currency: ticketType.currency },
    quantity,
    discountCode,
    subtotalCents,
    discountCents,
    totalCents: subtotalCents - discountCents,
    currency: ticketType.currency,
  };
}
