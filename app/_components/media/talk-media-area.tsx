"use client";
import { SpeakerStudio } from "./speaker-studio";
import { TalkPlayer } from "./talk-player";
import { TalkWaitingRoom } from "./talk-waiting-room";
import { useTalkMedia } from "./use-talk-media";
import { usePlayerExtras } from "./use-player-extras";
import { TalkChapters } from "./talk-chapters";
import { CaptionsManager } from "./captions-manager";

export type TalkMediaAreaProps = {
  talk: { id: string; slug: string; title: string; status: "SCHEDULED" | "LIVE" | "ENDED"; startsAt: string; endsAt: string };
  canBroadcast: boolean;
  canWatch: boolean;
  goLive: { opensAt: string; windowMinutes: number; canGoLiveEarly: boolean };
  realtimeUrl: string;
  startAtSeconds?: number;
};

/** The talk page's video area: the attendee player, plus the speaker studio for those who present. */
export default function TalkMediaArea({ talk, canBroadcast, canWatch, goLive, realtimeUrl, startAtSeconds }: TalkMediaAreaProps) {
  const { socket, connected, media, status, refresh } = useTalkMedia({ talkId: talk.id, realtimeUrl, initialStatus: talk.status });
  const extras = usePlayerExtras({ talkId: talk.id, status, enabled: canWatch, socket, connected });
  // The page's player shows what attendees see: a private test stream plays in the studio's backstage only.
  const attendeeMedia = media?.isTest ? null : media;
  // Before the talk goes live (and with nothing to play yet), a countdown stands in the player's place; the
  // talk:status push swaps the player in. Upload states (processing, failed, late) are the player's to tell.
  const uploadNotReady = attendeeMedia?.source === "UPLOAD" && attendeeMedia.recordingStatus !== "READY";
  const waiting = status === "SCHEDULED" && !attendeeMedia?.playlistPath && !uploadNotReady;
  return (
    <div className="space-y-4">
      {canWatch && waiting ? <TalkWaitingRoom title={talk.title} startsAt={talk.startsAt} premiere={!!attendeeMedia?.premiereAt} /> : null}
      {canWatch && !waiting ? (
        <TalkPlayer
          talkId={talk.id}
          media={attendeeMedia}
          status={status}
          realtimeUrl={realtimeUrl}
          title={talk.title}
          startsAt={talk.startsAt}
          startAtSeconds={startAtSeconds}
          extras={extras}
        />
      ) : null}
      {canWatch ? <TalkChapters talkId={talk.id} chapters={extras.chapters} canEdit={extras.canEditChapters} onChanged={extras.reload} /> : null}
      {extras.canUploadCaptions ? <CaptionsManager talkId={talk.id} tracks={extras.captions} onChanged={extras.reload} /> : null}
      {canBroadcast ? (
        <SpeakerStudio
          socket={socket}
          connected={connected}
          talkId={talk.id}
          status={status}
          startsAt={talk.startsAt}
          realtimeUrl={realtimeUrl}
          media={media}
          goLive={goLive}
          onUploaded={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
