import { randomInt } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertTicketTypesInConference } from "./assert-ticket-types";
import type { GenerateDiscountCodesInput } from "./schemas";

// No 0/O, 1/I/L: codes get read aloud and typed from printouts.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const SUFFIX_LENGTH = 8;

function randomSuffix(): string {
  let suffix = "";
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return suffix;
}

/**
 * Creates `count` unique codes sharing one set of rules, in one transaction. Uniqueness is the
 * database's (conferenceId, code) index: collisions are skipped and replaced, never checked first.
 */
export async function generateDiscountCodes(options: { conferenceId: string; input: GenerateDiscountCodesInput }): Promise<{ codes: string[] }> {
  const { conferenceId, input } = options;
  const { count, prefix, ticketTypeIds, ...rules } = input;
  await assertTicketTypesInConference({ conferenceId, ticketTypeIds });
  const separator = prefix && !/[-_]$/.test(prefix) ? "-" : "";

  return prisma.$transaction(
    async (tx) => {
      const created: { id: string; code: string }[] = [];
      for (let attempt = 0; created.length < count; attempt++) {
        if (attempt >= 10) throw new AppError("CONFLICT", "Could not generate enough unique codes; try another prefix");
        const wanted = new Set<string>();
        while (wanted.size < count - created.length) wanted.add(`${prefix}${separator}${randomSuffix()}`);
        const rows = await tx.discountCode.createManyAndReturn({
          data: [...wanted].map((code) => ({ ...rules, code, conferenceId })),
          skipDuplicates: true,
          select: { id: true, code: true },
        });
        created.push(...rows);
      }
      if (ticketTypeIds.length > 0) {
        // Prisma's implicit many-to-many table: "A" is the DiscountCode, "B" the TicketType.
        await tx.$executeRaw`
          INSERT INTO "_DiscountCodeToTicketType" ("A", "B")
          SELECT c, t FROM unnest(${created.map((row) => row.id)}::text[]) AS c
          CROSS JOIN unnest(${[...new Set(ticketTypeIds)]}::text[]) AS t`;
      }
      return { codes: created.map((row) => row.code).sort() };
    },
    { timeout: 60_000 },
  );
}
