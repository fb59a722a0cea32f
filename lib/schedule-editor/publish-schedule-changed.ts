import { publishDomainEvent } from "@/lib/realtime/notify";

/** Every schedule edit ends here, so open schedule pages (and the editor grid) refresh. */
export async function publishScheduleChanged(options: { conferenceId: string; talkId?: string }): Promise<void> {
  await publishDomainEvent({
    type: "schedule:changed",
    conferenceId: options.conferenceId,
    ...(options.talkId ? { talkId: options.talkId } : {}),
    at: new Date().toISOString(),
  });
}
