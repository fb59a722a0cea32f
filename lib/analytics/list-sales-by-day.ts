import { prisma } from "@/lib/db/client";
import type { SalesDay } from "./schemas";

/**
 * Paid orders, their tickets and revenue, and discount-code redemptions per day in the
 * conference's zone, every day from the first sale to the last (days without any included).
 * A sale counts on the day it was paid (free orders are paid when placed); a redemption whose
 * order was cancelled no longer counts.
 */
export async function listSalesByDay(options: { conferenceId: string; timeZone: string }): Promise<SalesDay[]> {
  const { conferenceId, timeZone } = options;
  const rows = await prisma.$queryRaw<{ day: string; orders: bigint; tickets: bigint; revenueCents: bigint; redemptions: bigint }[]>`
    WITH sold AS (
      SELECT (coalesce(o."paidAt", o."createdAt") AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone})::date AS day,
             count(*) AS orders, sum(o."quantity") AS tickets, sum(o."totalCents") AS revenue
      FROM "Order" o WHERE o."conferenceId" = ${conferenceId} AND o."status" = 'PAID'
      GROUP BY 1
    ),
    redeemed AS (
      SELECT (r."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE ${timeZone})::date AS day, count(*) AS redemptions
      FROM "DiscountRedemption" r
      JOIN "Order" o ON o."id" = r."orderId"
      WHERE o."conferenceId" = ${conferenceId} AND o."status" <> 'CANCELLED'
      GROUP BY 1
    ),
    span AS (
      SELECT min(day) AS first, max(day) AS last FROM (SELECT day FROM sold UNION ALL SELECT day FROM redeemed) d
    )
    SELECT to_char(g.day, 'YYYY-MM-DD') AS day, coalesce(s.orders, 0) AS orders, coalesce(s.tickets, 0) AS tickets,
           coalesce(s.revenue, 0) AS "revenueCents", coalesce(r.redemptions, 0) AS redemptions
    FROM span, generate_series(span.first, span.last, interval '1 day') AS g(day)
    LEFT JOIN sold s ON s.day = g.day::date
    LEFT JOIN redeemed r ON r.day = g.day::date
    WHERE span.first IS NOT NULL
    ORDER BY g.day`;
  return rows.map((r) => ({
    day: r.day,
    orders: Number(r.orders),
    tickets: Number(r.tickets),
    revenueCents: Number(r.revenueCents),
    redemptions: Number(r.redemptions),
  }));
}
