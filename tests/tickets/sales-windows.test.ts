import { describe, expect, it } from "vitest";
import { ticketTypeAvailability } from "@/lib/tickets/ticket-type-availability";
import { discountCodeState } from "@/lib/tickets/discount-code-state";

// The ticket page, the admin lists and checkout's refusals all ask these two rules.
const start = new Date("2026-06-01T08:00:00Z");
const end = new Date("2026-06-10T08:00:00Z");
const ms = (date: Date, delta: number) => new Date(date.getTime() + delta);

describe("ticket type availability", () => {
  const type = { active: true, salesStartAt: start, salesEndAt: end, quota: 10, sold: 9 };

  it("is on sale from the start of sales (inclusive) to their end (exclusive)", () => {
    expect(ticketTypeAvailability(type, ms(start, -1))).toBe("not-started");
    expect(ticketTypeAvailability(type, start)).toBe("on-sale");
    expect(ticketTypeAvailability(type, ms(end, -1))).toBe("on-sale");
    expect(ticketTypeAvailability(type, end)).toBe("ended");
    expect(ticketTypeAvailability({ ...type, salesStartAt: null, salesEndAt: null }, ms(end, 1))).toBe("on-sale");
  });

  it("is sold out when the quota is reached, unless unlimited; a hidden type is never on sale", () => {
    expect(ticketTypeAvailability({ ...type, sold: 10 }, start)).toBe("sold-out");
    expect(ticketTypeAvailability({ ...type, quota: null, sold: 10_000 }, start)).toBe("on-sale");
    expect(ticketTypeAvailability({ ...type, active: false }, start)).toBe("inactive");
    // Outside the window, the window is the reason given.
    expect(ticketTypeAvailability({ ...type, sold: 10 }, end)).toBe("ended");
  });
});

describe("discount code state", () => {
  const code = { validFrom: start, validUntil: end, maxRedemptions: 5, redemptions: 4 };

  it("is valid from validFrom (inclusive) to validUntil (exclusive)", () => {
    expect(discountCodeState(code, ms(start, -1))).toBe("scheduled");
    expect(discountCodeState(code, start)).toBe("active");
    expect(discountCodeState(code, ms(end, -1))).toBe("active");
    expect(discountCodeState(code, end)).toBe("expired");
    expect(discountCodeState({ ...code, validFrom: null, validUntil: null }, ms(end, 1))).toBe("active");
  });

  it("is used up at its limit, unless unlimited", () => {
    expect(discountCodeState({ ...code, redemptions: 5 }, start)).toBe("used-up");
    expect(discountCodeState({ ...code, maxRedemptions: null, redemptions: 500 }, start)).toBe("active");
  });
});
