import { listDiscountCodes } from "./list-discount-codes";
import { listOrders } from "./list-orders";
import { listRegistrations } from "./list-registrations";
import type { ExportKind } from "./schemas";

const PAGE = 500;

/** RFC 4180 quoting, plus a leading ' on =+-@ so spreadsheets do not run a cell as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(",");
}

function money(cents: number): string {
  return (cents / 100).toFixed(2);
}

const when = (date: Date | null) => date?.toISOString() ?? "";

/** Excel on Windows reads a CSV without a byte-order mark in the legacy code page ("ZoÃ«"). */
export const CSV_BOM = "\uFEFF";

/**
 * Attendees (one row per ticket), orders, or discount codes with their usage, as CSV text
 * (UTF-8 with a byte-order mark), matching the same search as the admin pages.
 */
export async function exportTicketsCsv(options: { conferenceId: string; kind: ExportKind; q?: string }): Promise<string> {
  const { conferenceId, kind, q } = options;
  const lines: string[] = [];
  if (kind === "codes") {
    lines.push(
      row(["code", "kind", "value", "redemptions", "max_redemptions", "orders", "valid_from", "valid_until", "once_per_attendee", "ticket_types"]),
    );
    for (let skip = 0; ; skip += PAGE) {
      const { discountCodes } = await listDiscountCodes({ conferenceId, q, take: PAGE, skip });
      for (const c of discountCodes) {
        lines.push(
          row([
            c.code,
            c.kind,
            c.kind === "FIXED" ? money(c.value) : c.value,
            c.redemptions,
            c.maxRedemptions,
            c.orders,
            when(c.validFrom),
            when(c.validUntil),
            c.oncePerAttendee ? "yes" : "no",
            c.ticketTypes.map((t) => t.name).join("; ") || "all",
          ]),
        );
      }
      if (discountCodes.length < PAGE) break;
    }
  } else if (kind === "attendees") {
    lines.push(row(["ticket_id", "status", "name", "email", "ticket_type", "order_id", "discount_code", "issued_at", "revoked_at"]));
    for (let skip = 0; ; skip += PAGE) {
      const { registrations } = await listRegistrations({ conferenceId, query: { q, take: PAGE, skip } });
      for (const r of registrations) {
        lines.push(
          row([
            r.ticketId,
            r.status,
            r.attendee.name,
            r.attendee.email,
            r.ticketType.name,
            r.order.id,
            r.order.discountCode,
            r.issuedAt.toISOString(),
            r.revokedAt?.toISOString(),
          ]),
        );
      }
      if (registrations.length < PAGE) break;
    }
  } else {
    lines.push(
      row([
        "order_id",
        "status",
        "name",
        "email",
        "ticket_type",
        "quantity",
        "currency",
        "subtotal",
        "discount",
        "total",
        "discount_code",
        "created_at",
        "paid_at",
      ]),
    );
    for (let skip = 0; ; skip += PAGE) {
      const { orders } = await listOrders({ conferenceId, query: { q, take: PAGE, skip } });
      for (const o of orders) {
        lines.push(
          row([
            o.id,
            o.status,
            o.attendee.name,
            o.attendee.email,
            o.ticketType.name,
            o.quantity,
            o.currency,
            money(o.subtotalCents),
            money(o.discountCents),
            money(o.totalCents),
            o.discountCode,
            o.createdAt.toISOString(),
            o.paidAt?.toISOString(),
          ]),
        );
      }
      if (orders.length < PAGE) break;
    }
  }
  return `${CSV_BOM}${lines.join("\r\n")}\r\n`;
}
