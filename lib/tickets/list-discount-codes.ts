import { prisma, type Prisma } from "@/lib/db/client";
import type { DiscountKind } from "@/lib/db/generated/enums";
import { discountCodeState, type DiscountCodeState } from "./discount-code-state";

export type DiscountCodeSummary = {
  id: string;
  code: string;
  kind: DiscountKind;
  value: number;
  maxRedemptions: number | null;
  redemptions: number;
  validFrom: Date | null;
  validUntil: Date | null;
  oncePerAttendee: boolean;
  ticketTypes: { id: string; name: string }[];
  // Paid or pending orders that used the code (cancelled ones gave their use back).
  orders: number;
  state: DiscountCodeState;
};

/** Codes of a conference with their usage, newest first; `q` filters by code text. */
export async function listDiscountCodes(options: {
  conferenceId: string;
  q?: string;
  take?: number;
  skip?: number;
  now?: Date;
}): Promise<{ discountCodes: DiscountCodeSummary[]; total: number }> {
  const now = options.now ?? new Date();
  const where: Prisma.DiscountCodeWhereInput = {
    conferenceId: options.conferenceId,
    ...(options.q ? { code: { contains: options.q.toUpperCase() } } : {}),
  };
  const [rows, total] = await Promise.all([
    prisma.discountCode.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { code: "asc" }],
      take: options.take ?? 200,
      skip: options.skip ?? 0,
      include: {
        ticketTypes: { select: { id: true, name: true } },
        _count: { select: { redemptionsLog: true } },
      },
    }),
    prisma.discountCode.count({ where }),
  ]);
  return {
    total,
    discountCodes: rows.map(({ _count, conferenceId: _c, createdAt: _d, ...row }) => ({
      ...row,
      orders: _count.redemptionsLog,
      state: discountCodeState(row, now),
    })),
  };
}
