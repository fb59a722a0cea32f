import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { fieldError, isUniqueViolation } from "./field-error";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { UpdateSpeakerInput } from "./schemas";
import { resolveSpeakerAccount } from "./speaker-account";

/** Edits a speaker profile; an empty account email unlinks the account. */
export async function updateSpeaker(options: { conferenceId: string; speakerId: string; input: z.input<typeof UpdateSpeakerInput> }) {
  const { conferenceId, speakerId } = options;
  const input = UpdateSpeakerInput.parse(options.input);
  const exists = await prisma.speaker.findFirst({ where: { id: speakerId, conferenceId }, select: { id: true, accountEmail: true, userId: true } });
  if (!exists) throw notFound("Speaker");
  const account = await resolveSpeakerAccount(input.accountEmail);
  const speaker = await prisma.speaker
    .update({
      where: { id: speakerId },
      data: {
        name: input.name,
        slug: input.slug,
        headline: input.headline,
        bio: input.bio,
        avatarUrl: input.avatarUrl,
        links: input.links,
        // An unchanged address keeps its link; a new one links only a confirmed account.
        ...(account && !(account.accountEmail === exists.accountEmail && exists.userId) ? account : {}),
      },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError("slug", "Another speaker already uses this slug");
      throw error;
    });
  await publishScheduleChanged({ conferenceId });
  return { speaker };
}
