import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { talkCardSelect } from "@/lib/schedule/get-schedule";

/** Everything the talk page shows, by slug. */
export async function getTalkPageOrThrow(options: { conferenceId: string; slug: string }) {
  const talk = await prisma.talk.findUnique({
    where: { conferenceId_slug: { conferenceId: options.conferenceId, slug: options.slug } },
    select: {
      ...talkCardSelect,
      conferenceId: true,
      speakers: {
        orderBy: { position: "asc" },
        select: { speaker: { select: { id: true, slug: true, name: true, avatarUrl: true, headline: true, bio: true } } },
      },
    },
  });
  if (!talk) throw notFound("Talk");
  return talk;
}
