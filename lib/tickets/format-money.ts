/** "€120.00" / "Free": for pages and e-mails; amounts are integer cents everywhere else. */
export function formatMoney(cents: number, currency: string): string {
  if (cents === 0) return "Free";
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(cents / 100);
  } catch {
    // An exotic code Intl does not know still shows something sensible.
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

/** How a discount code reads in a list: "25% off", "€10.00 off each ticket", "Complimentary". */
export function describeDiscount(rule: { kind: "PERCENT" | "FIXED" | "COMP"; value: number }, currency = "EUR"): string {
  if (rule.kind === "COMP") return "Complimentary (100% off)";
  if (rule.kind === "PERCENT") return `${rule.value}% off`;
  return `${formatMoney(rule.value, currency)} off each ticket`;
}
