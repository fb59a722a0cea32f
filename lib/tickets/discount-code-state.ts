export type DiscountCodeState = "active" | "scheduled" | "expired" | "used-up";

/**
 * Whether a discount code can be used at `now`, or why not. A code is valid from `validFrom`
 * (inclusive) to `validUntil` (exclusive). place-order re-checks the same window in its
 * conditional UPDATE.
 */
export function discountCodeState(
  code: { validFrom: Date | null; validUntil: Date | null; maxRedemptions: number | null; redemptions: number },
  now: Date,
): DiscountCodeState {
  if (code.validUntil && code.validUntil <= now) return "expired";
  if (code.validFrom && code.validFrom > now) return "scheduled";
  if (code.maxRedemptions !== null && code.redemptions >= code.maxRedemptions) return "used-up";
  return "active";
}
