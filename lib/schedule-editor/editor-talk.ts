import type { Prisma } from "@/lib/db/client";

// The shape of a talk in the editor (grid, forms, API answers): ids rather than nested rows.
export const editorTalkSelect = {
  id: true,
  conferenceId: true,
  slug: true,
  title: true,
  abstract: true,
  kind: true,
  startsAt: true,
  endsAt: true,
  stageId: true,
  trackId: true,
  status: true,
  isPublic: true,
  externalId: true,
  updatedAt: true,
  speakers: { select: { speakerId: true }, orderBy: { position: "asc" } },
} satisfies Prisma.TalkSelect;

type Row = Prisma.TalkGetPayload<{ select: typeof editorTalkSelect }>;

export type EditorTalk = Omit<Row, "speakers" | "startsAt" | "endsAt" | "updatedAt"> & {
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  speakerIds: string[];
};

export function toEditorTalk(row: Row): EditorTalk {
  const { speakers, startsAt, endsAt, updatedAt, ...rest } = row;
  return {
    ...rest,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    speakerIds: speakers.map((s) => s.speakerId),
  };
}
