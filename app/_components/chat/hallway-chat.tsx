"use client";
import { ChatPanel } from "./chat-panel";
import { ModerationTools } from "./moderation-tools";
import { useChatRoom } from "./use-chat-room";

/** The conference's hallway channel, for the conference home page. */
export default function HallwayChat({ conferenceId, realtimeUrl, title = "Hallway" }: { conferenceId: string; realtimeUrl: string; title?: string }) {
  const room = useChatRoom(realtimeUrl, { conferenceId });
  return (
    <section
      aria-label="Hallway chat"
      className="flex h-[32rem] flex-col gap-2 rounded-2xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-baseline justify-between">
        <h2 className="text-sm font-semibold">{title}</h2>
        <p className="text-xs text-zinc-500">Chat with everyone at the conference</p>
      </header>
      <ChatPanel room={room} label="Hallway messages" />
      <ModerationTools room={room} conferenceId={conferenceId} roomRef={{ conferenceId }} />
    </section>
  );
}
export { HallwayChat };
