import { prisma } from "@/lib/db/client";
import { editorTalkSelect, toEditorTalk, type EditorTalk } from "./editor-talk";
import { findScheduleConflicts } from "./find-schedule-conflicts";
import type { ScheduleConflict } from "./schemas";

export type EditorSchedule = {
  conference: { id: string; name: string; timeZone: string; startsOn: string; endsOn: string };
  stages: { id: string; name: string; slug: string; position: number; talkCount: number }[];
  tracks: { id: string; name: string; slug: string; color: string }[];
  speakers: { id: string; name: string; slug: string; headline: string; accountEmail: string | null; accountLinked: boolean; talkCount: number }[];
  talks: EditorTalk[];
  conflicts: ScheduleConflict[];
};

/** Everything the organizer's editor shows: stages, tracks, speakers, talks and current conflicts. */
export async function getEditorSchedule(options: { conferenceId: string }): Promise<EditorSchedule> {
  const { conferenceId } = options;
  const [conference, stages, tracks, speakers, talks, conflicts] = await Promise.all([
    prisma.conference.findUniqueOrThrow({
      where: { id: conferenceId },
      select: { id: true, name: true, timeZone: true, startsOn: true, endsOn: true },
    }),
    prisma.stage.findMany({
      where: { conferenceId },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, slug: true, position: true, _count: { select: { talks: true } } },
    }),
    prisma.track.findMany({ where: { conferenceId }, orderBy: { name: "asc" }, select: { id: true, name: true, slug: true, color: true } }),
    prisma.speaker.findMany({
      where: { conferenceId },
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        slug: true,
        headline: true,
        accountEmail: true,
        user: { select: { email: true, emailVerified: true } },
        _count: { select: { talks: true } },
      },
    }),
    prisma.talk.findMany({ where: { conferenceId }, orderBy: [{ startsAt: "asc" }, { title: "asc" }], select: editorTalkSelect }),
    findScheduleConflicts({ conferenceId }),
  ]);
  return {
    conference: {
      ...conference,
      startsOn: conference.startsOn.toISOString().slice(0, 10),
      endsOn: conference.endsOn.toISOString().slice(0, 10),
    },
    stages: stages.map(({ _count, ...s }) => ({ ...s, talkCount: _count.talks })),
    tracks,
    speakers: speakers.map(({ _count, user, accountEmail, ...s }) => ({
      ...s,
      accountEmail: accountEmail ?? user?.email ?? null,
      accountLinked: !!user?.emailVerified,
      talkCount: _count.talks,
    })),
    talks: talks.map(toEditorTalk),
    conflicts,
  };
}
