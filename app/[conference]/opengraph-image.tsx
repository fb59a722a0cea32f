import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { orNotFound } from "@/app/_lib/or-not-found";
import { formatDay } from "@/lib/schedule/time-zones";
import { renderShareImage, shareImageSize } from "@/app/_lib/share-image";

// The card for every page without its own (home, schedule, tickets): the conference itself.
export const alt = "The conference's name, tagline and dates";
export const size = shareImageSize;
export const contentType = "image/png";
export const dynamic = "force-dynamic";

export default async function ConferenceShareImage({ params }: { params: Promise<{ conference: string }> }) {
  const conference = await orNotFound(getConferenceBySlugOrThrow({ slug: (await params).conference }));
  const [first, last] = [conference.startsOn, conference.endsOn].map((d) => formatDay(d.toISOString().slice(0, 10)));
  return renderShareImage({
    conferenceName: conference.name,
    title: conference.tagline || conference.name,
    footer: first === last ? first : `${first} – ${last}`,
  });
}
