// Placeholder until the media pipeline lands: the talk page renders this in its player area.
export type TalkMediaAreaProps = {
  talk: { id: string; slug: string; title: string; status: "SCHEDULED" | "LIVE" | "ENDED"; startsAt: string; endsAt: string };
  canBroadcast: boolean;
  canWatch: boolean;
  realtimeUrl: string;
  startAtSeconds?: number;
};

export default function TalkMediaArea({ talk }: TalkMediaAreaProps) {
  return (
    <div className="flex aspect-video w-full items-center justify-center rounded-2xl bg-zinc-900 text-zinc-300" role="region" aria-label="Video player">
      <p>{talk.status === "LIVE" ? "Live stream starting…" : "The stream appears here when the talk starts."}</p>
    </div>
  );
}
