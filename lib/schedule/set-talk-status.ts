import { prisma } from "@/lib/db/client";
import type { TalkStatus } from "@/lib/db/generated/enums";
import { publishDomainEvent } from "@/lib/realtime/notify";
import { notFound } from "@/lib/errors/app-error";

/** Moves a talk to a status and tells every open page (talk:status over the realtime server). */
export async function setTalkStatus(options: { talkId: string; status: TalkStatus }) {
  const talk = await prisma.talk
    .update({
      where: { id: options.talkId },
      data: { status: options.status },
      select: { id: true, conferenceId: true, status: true },
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2025") throw notFound("Talk");
      throw error;
    });
  await publishDomainEvent({
    type: "talk:status",
    talkId: talk.id,
    conferenceId: talk.conferenceId,
    status: talk.status,
    at: new Date().toISOString(),
  });
  return talk;
}
