import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getTalkPageOrThrow } from "@/lib/talks/get-talk-page";
import { talkKindLabel } from "@/lib/talks/talk-kind-label";
import { formatSlot } from "@/lib/schedule/time-zones";
import { renderShareImage, shareImageSize } from "@/app/_lib/share-image";

// The card a shared talk link shows: title, speakers, kind, stage and slot.
export const alt = "The talk's title, speakers and time";
export const size = shareImageSize;
export const contentType = "image/png";
// A renamed or moved talk must not keep an old preview.
export const dynamic = "force-dynamic";

export default async function TalkShareImage({ params }: { params: Promise<{ conference: string; slug: string }> }) {
  const conference = await orNotFound(getConferenceBySlugOrThrow({ slug: (await params).conference }));
  const talk = await getTalkPageOrThrow({ conferenceId: conference.id, slug: (await params).slug });
  return renderShareImage({
    conferenceName: conference.name,
    eyebrow: `${talkKindLabel(talk.kind)} · ${talk.stage.name}`,
    title: talk.title,
    subtitle: formatSlot(talk.startsAt, talk.endsAt, conference.timeZone),
    people: talk.speakers.map((s) => s.speaker.name),
  });
}
