import { prisma, type Prisma, type TicketType } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { computeDiscount } from "./compute-discount";
import { discountCodeState } from "./discount-code-state";
import { findRecentTicketType, forgetTicketType } from "./find-recent-ticket-type";
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

/** Why this ticket type cannot be sold now in this quantity, in the attendee's words, or null. */
function ticketTypeRefusal(options: { found: TicketType | null; conferenceId: string; quantity: number; now: Date }): AppError | null {
  const { conferenceId, quantity, now } = options;
  const ticketType = options.found?.conferenceId === conferenceId ? options.found : null;
  const availability = ticketType ? ticketTypeAvailability(ticketType, now) : "inactive";
  if (!ticketType || availability === "inactive") {
    return fieldError("NOT_FOUND", "ticketTypeId", "This ticket is not available");
  }
  if (availability === "not-started") {
    return fieldError("CONFLICT", "ticketTypeId", `Sales for ${ticketType.name} have not started yet`);
  }
  if (availability === "ended") {
    return fieldError("CONFLICT", "ticketTypeId", `Sales for ${ticketType.name} have ended`);
  }
  // Sold out or not, the quantity asked for decides (and says how many are left).
  if (ticketType.quota !== null && ticketType.sold + quantity > ticketType.quota) {
    const left = Math.max(0, ticketType.quota - ticketType.sold);
    return fieldError(
      "CONFLICT",
      left === 0 ? "ticketTypeId" : "quantity",
      left === 0 ? `${ticketType.name} is sold out` : `Only ${left} ${ticketType.name} ticket${left === 1 ? "" : "s"} left`,
    );
  }
  return null;
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
  /**
   * Start from a ticket type read at most a second ago (find-recent-ticket-type.ts): a checkout,
   * whose statement re-checks everything, may; an answer that refuses is still decided from a
   * fresh read.
   */
  recentTicketType?: boolean;
}): Promise<CheckoutQuote> {
  const { conferenceId, userId, input } = options;
  const now = options.now ?? new Date();
  const db = options.db ?? prisma;
  const quantity = input.quantity;

  const read = () => db.ticketType.findUnique({ where: { id: input.ticketTypeId } });
  let found = options.recentTicketType ? await findRecentTicketType({ ticketTypeId: input.ticketTypeId }) : await read();
  let refusal = ticketTypeRefusal({ found, conferenceId, quantity, now });
  if (refusal && options.recentTicketType) {
    forgetTicketType(input.ticketTypeId);
    found = await read();
    refusal = ticketTypeRefusal({ found, conferenceId, quantity, now });
  }
  if (refusal || !found) throw refusal;
  const ticketType = found;

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
