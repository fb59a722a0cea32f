import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getSpeakerPageOrThrow } from "@/lib/speakers/get-speaker-page";
import { renderShareImage, shareImageSize } from "@/app/_lib/share-image";

// The card a shared speaker link shows: name, headline and their first talk.
export const alt = "The speaker's name, headline and talks";
export const size = shareImageSize;
export const contentType = "image/png";
export const dynamic = "force-dynamic";

export default async function SpeakerShareImage({ params }: { params: Promise<{ conference: string; slug: string }> }) {
  const conference = await orNotFound(getConferenceBySlugOrThrow({ slug: (await params).conference }));
  const speaker = await getSpeakerPageOrThrow({ conferenceId: conference.id, slug: (await params).slug });
  const [first, ...more] = speaker.talks;
  return renderShareImage({
    conferenceName: conference.name,
    eyebrow: "Speaker",
    title: speaker.name,
    subtitle: speaker.headline || undefined,
    footer: first ? `${first.title}${more.length ? ` + ${more.length} more` : ""}` : undefined,
  });
}
