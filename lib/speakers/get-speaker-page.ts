import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { talkCardSelect } from "@/lib/schedule/get-schedule";

export const SpeakerLinks = z.array(z.object({ label: z.string(), url: z.string().url() })).catch([]);

export async function getSpeakerPageOrThrow(options: { conferenceId: string; slug: string }) {
  const speaker = await prisma.speaker.findUnique({
    where: { conferenceId_slug: { conferenceId: options.conferenceId, slug: options.slug } },
    select: {
      id: true,
      slug: true,
      name: true,
      headline: true,
      bio: true,
      avatarUrl: true,
      links: true,
      talks: { orderBy: { talk: { startsAt: "asc" } }, select: { talk: { select: talkCardSelect } } },
    },
  });
  if (!speaker) throw notFound("Speaker");
  // Only http(s) links are shown: a stored javascript: URL must never become an href.
  const links = SpeakerLinks.parse(speaker.links).filter((l) => /^https?:\/\//.test(l.url));
  return { ...speaker, links, talks: speaker.talks.map((t) => t.talk) };
}
