import type { DiscountKind } from "@/lib/db/generated/enums";

export type DiscountRule = { kind: DiscountKind; value: number };

/**
 * Cents off an order of `quantity` tickets at `unitPriceCents`. FIXED takes its value off each
 * ticket (a code use counts per ticket); nothing ever goes below zero.
 */
export function computeDiscount(options: { unitPriceCents: number; quantity: number; rule: DiscountRule | null }): number {
  const { unitPriceCents, quantity, rule } = options;
  const subtotal = unitPriceCents * quantity;
  if (!rule) return 0;
  switch (rule.kind) {
    case "COMP":
      return subtotal;
    case "PERCENT":
      return Math.min(subtotal, Math.round((subtotal * rule.value) / 100));
    case "FIXED":
      return Math.min(subtotal, rule.value * quantity);
  }
}
