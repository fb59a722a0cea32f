// Placeholder until chat lands: the talk page renders this in its chat area.
export type TalkChatAreaProps = {
  talk: { id: string; conferenceId: string; status: "SCHEDULED" | "LIVE" | "ENDED" };
  viewer: { userId: string | null; name: string | null; canChat: boolean; canModerate: boolean };
  realtimeUrl: string;
};

export default function TalkChatArea(_props: TalkChatAreaProps) {
  return (
    <section aria-label="Chat" className="flex h-full min-h-80 flex-col rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
      <h2 className="text-sm font-semibold">Chat</h2>
      <p className="mt-2 text-sm text-zinc-500">Chat opens when the talk starts.</p>
    </section>
  );
}
