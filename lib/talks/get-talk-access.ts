import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { getViewer } from "@/lib/permissions/get-viewer";
import type { Viewer } from "@/lib/permissions/can";

/** Loads a talk with the viewer's permissions in its conference — the start of every talk action. */
export async function getTalkAccessOrThrow(options: { talkId: string; userId: string | null }) {
  const talk = await prisma.talk.findUnique({
    where: { id: options.talkId },
    select: { id: true, conferenceId: true, isPublic: true, status: true, slug: true, startsAt: true, endsAt: true },
  });
  if (!talk) throw notFound("Talk");
  const viewer: Viewer = await getViewer({ conferenceId: talk.conferenceId, userId: options.userId });
  return { talk, viewer };
}
