import type { z } from "zod";
import { prisma } from "@/lib/db/client";
import { editorTalkSelect, toEditorTalk, type EditorTalk } from "./editor-talk";
import { fieldError, isUniqueViolation } from "./field-error";
import { findScheduleConflicts } from "./find-schedule-conflicts";
import { getEditorTalkOrThrow } from "./get-editor-talk";
import { publishScheduleChanged } from "./publish-schedule-changed";
import { MAX_TALK_MINUTES, UpdateTalkInput, type ScheduleConflict } from "./schemas";
import { assertTalkReferences } from "./talk-references";

/** Changes any fields of a talk; the speaker list, when given, replaces the old one in order. */
export async function updateTalk(options: {
  conferenceId: string;
  talkId: string;
  input: z.input<typeof UpdateTalkInput>;
}): Promise<{ talk: EditorTalk; conflicts: ScheduleConflict[] }> {
  const { conferenceId, talkId } = options;
  const input = UpdateTalkInput.parse(options.input);
  const current = await getEditorTalkOrThrow({ conferenceId, talkId });

  // Only one end of the slot may be in the input: check the slot the talk will have.
  const startsAt = new Date(input.startsAt ?? current.startsAt);
  const endsAt = new Date(input.endsAt ?? current.endsAt);
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  if (minutes <= 0) throw fieldError(input.endsAt ? "endsAt" : "startsAt", "Must end after it starts");
  if (minutes > MAX_TALK_MINUTES) throw fieldError("endsAt", "A talk can last at most 24 hours");

  await assertTalkReferences({ conferenceId, stageId: input.stageId, trackId: input.trackId, speakerIds: input.speakerIds });

  const row = await prisma
    .$transaction(async (tx) => {
      if (input.speakerIds) {
        await tx.talkSpeaker.deleteMany({ where: { talkId } });
        await tx.talkSpeaker.createMany({
          data: input.speakerIds.map((speakerId, position) => ({ talkId, speakerId, position })),
        });
      }
      return tx.talk.update({
        where: { id: talkId },
        data: {
          title: input.title,
          slug: input.slug,
          abstract: input.abstract,
          kind: input.kind,
          startsAt: input.startsAt ? startsAt : undefined,
          endsAt: input.endsAt ? endsAt : undefined,
          stageId: input.stageId,
          trackId: input.trackId,
          isPublic: input.isPublic,
        },
        select: editorTalkSelect,
      });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw fieldError("slug", "Another talk already uses this slug");
      throw error;
    });

  await publishScheduleChanged({ conferenceId, talkId });
  return { talk: toEditorTalk(row), conflicts: await findScheduleConflicts({ conferenceId, talkId }) };
}
