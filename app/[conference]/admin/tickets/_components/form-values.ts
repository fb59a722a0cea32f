// Form fields speak the organizer's language (euros, local date-times); the API speaks cents and
// ISO instants. These convert at the edge of the form and nowhere else.

/** "120", "120.5", "120,50" -> 12050; anything unreadable -> NaN so the schema reports it. */
export function centsFromAmount(text: string): number {
  const normalized = text.trim().replace(",", ".");
  if (normalized === "" || !/^-?\d+(\.\d{0,2})?$/.test(normalized)) return Number.NaN;
  return Math.round(Number(normalized) * 100);
}

/** A datetime-local value (the browser's zone) -> ISO, or null when empty. */
export function fromDateTimeLocal(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** ISO -> a datetime-local value in the browser's zone. */
export function toDateTimeLocal(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
