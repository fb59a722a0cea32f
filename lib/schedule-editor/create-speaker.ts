import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { fieldError, isUniqueViolation } from "./field-error";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { CreateSpeakerInput } from "./schemas";
import { slugify, uniqueSlug } from "./slugify";
import { resolveSpeakerAccount } from "./speaker-account";

/** Adds a speaker profile, optionally linked to the account that will present. */
export async function createSpeaker(options: { conferenceId: string; input: z.input<typeof CreateSpeakerInput> }) {
  const { conferenceId } = options;
  const input = CreateSpeakerInput.parse(options.input);
  const account = await resolveSpeakerAccount(input.accountEmail);
  let slug = input.slug;
  if (!slug) {
    const base = slugify(input.name);
    const taken = await prisma.speaker.findMany({ where: { conferenceId, slug: { startsWith: base } }, select: { slug: true } });
    slug = uniqueSlug(base, new Set(taken.map((s) => s.slug)));
  }
  const speaker = await prisma.speaker
    .create({
      data: {
        conferenceId,
        slug,
        name: input.name,
        headline: input.headline,
        bio: input.bio,
        avatarUrl: input.avatarUrl ?? null,
        links: input.links,
        accountEmail: account?.accountEmail ?? null,
        userId: account?.userId ?? null,
      },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError("slug", "Another speaker already uses this slug");
      throw error;
    });
  await publishScheduleChanged({ conferenceId });
  return { speaker };
}
