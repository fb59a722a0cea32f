import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

/** One speaker profile of a conference for the edit form, with the account address and whether an account with it is linked. */
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
      accountEmail: true,
      user: { select: { email: true, emailVerified: true } },
      talks: { select: { talk: { select: { id: true, title: true, startsAt: true } } }, orderBy: { talk: { startsAt: "asc" } } },
    },
  });
  if (!speaker) throw notFound("Speaker");
  const { user, talks, links, accountEmail, ...rest } = speaker;
  return {
    ...rest,
    links: Array.isArray(links) ? (links as { label: string; url: string }[]) : [],
    accountEmail: accountEmail ?? user?.email ?? null,
    accountLinked: !!user?.emailVerified,
    talks: talks.map((t) => ({ ...t.talk, startsAt: t.talk.startsAt.toISOString() })),
  };
}
