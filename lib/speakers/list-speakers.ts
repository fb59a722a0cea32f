import { prisma } from "@/lib/db/client";

export async function listSpeakers(options: { conferenceId: string }) {
  return prisma.speaker.findMany({
    where: { conferenceId: options.conferenceId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      headline: true,
      avatarUrl: true,
      _count: { select: { talks: true } },
    },
  });
}
