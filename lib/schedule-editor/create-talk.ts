import type { z } from "zod";
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { editorTalkSelect, toEditorTalk, type EditorTalk } from "./editor-talk";
import { fieldError, isUniqueViolation } from "./field-error";
import { findScheduleConflicts } from "./find-schedule-conflicts";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { CreateTalkInput, type ScheduleConflict } from "./schemas";
import { slugify, uniqueSlug } from "./slugify";
import { assertTalkReferences, findTakenTalkSlugs } from "./talk-references";

/** Creates a talk (or keynote, panel, workshop) and answers with the conflicts it causes. */
export async function createTalk(options: {
  conferenceId: string;
  input: z.input<typeof CreateTalkInput>;
}): Promise<{ talk: EditorTalk; conflicts: ScheduleConflict[] }> {
  const { conferenceId } = options;
  const input = CreateTalkInput.parse(options.input);
  await assertTalkReferences({ conferenceId, stageId: input.stageId, trackId: input.trackId, speakerIds: input.speakerIds });

  // A derived slug can lose a race with another save of the same title: pick again (each retry
  // loses to at most the saves still racing, so a few tries settle even a burst).
  let row: Awaited<ReturnType<typeof insert>> | undefined;
  for (let attempt = 0; !row; attempt++) {
    let slug = input.slug;
    if (!slug) {
      const base = slugify(input.title);
      slug = uniqueSlug(base, await findTakenTalkSlugs({ conferenceId, base }));
    }
    row = await insert(conferenceId, input, slug).catch((error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      if (input.slug || attempt >= 9) throw fieldError("slug", "Another talk already uses this slug");
      return undefined;
    });
  }

  await publishScheduleChanged({ conferenceId, talkId: row.id });
  return { talk: toEditorTalk(row), conflicts: await findScheduleConflicts({ conferenceId, talkId: row.id }) };
}

function insert(conferenceId: string, input: CreateTalkInput, slug: string) {
  return prisma.talk.create({
    data: {
      conferenceId,
      slug,
      title: input.title,
      abstract: input.abstract,
      kind: input.kind,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      stageId: input.stageId,
      trackId: input.trackId ?? null,
      isPublic: input.isPublic,
      streamKey: randomBytes(24).toString("base64url"),
      speakers: { create: input.speakerIds.map((speakerId, position) => ({ speakerId, position })) },
    },
    select: editorTalkSelect,
  });
}
