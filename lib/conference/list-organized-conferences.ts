import { prisma } from "@/lib/db/client";

/** The conferences a user organizes (the import's choice of target), soonest first. */
export async function listOrganizedConferences(options: { userId: string }): Promise<{ id: string; slug: string; name: string }[]> {
  return prisma.conference.findMany({
    where: { memberships: { some: { userId: options.userId, role: "ORGANIZER" } } },
    orderBy: [{ startsOn: "asc" }, { createdAt: "asc" }],
    select: { id: true, slug: true, name: true },
  });
}
