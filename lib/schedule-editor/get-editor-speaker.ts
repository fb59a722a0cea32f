import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/** One speaker profile of a conference for the edit form, with the linked account's email. */
export async function getEditorSpeakerOrThrow(options: { conferenceId: string; speakerId: string }) {
  const speaker = await prisma.speaker.findFirst({
    where: { id: options.speakerId, conferenceId: options.conferenceId },
    select: {
      id: true,
      name: true,
      slug: true,
      headline: true,
      bio: true,
      avatarUrl: true,
      links: true,
      externalId: true,
      user: { select: { email: true } },
      talks: { select: { talk: { select: { id: true, title: true, startsAt: true } } }, orderBy: { talk: { startsAt: "asc" } } },
    },
  });
  if (!speaker) throw notFound("Speaker");
  const { user, talks, links, ...rest } = speaker;
  return {
    ...rest,
    links: Array.isArray(links) ? (links as { label: string; url: string }[]) : [],
    accountEmail: user?.email ?? null,
    talks: talks.map((t) => ({ ...t.talk, startsAt: t.talk.startsAt.toISOString() })),
  };
}
