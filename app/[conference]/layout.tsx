import type { Metadata } from "next";
import { getPageContext } from "../_lib/page-context";
import { orNotFound } from "../_lib/or-not-found";
import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { TimeZoneProvider } from "../_components/schedule/time-zone";
import { ConferenceNav } from "../_components/conference-nav";
import { AnnouncementBanner } from "../_components/chat/announcement-banner";
import { PageMain } from "../_components/page-main";

type Props = { params: Promise<{ conference: string }>; children: React.ReactNode };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const conference = await orNotFound(getConferenceBySlugOrThrow({ slug: (await params).conference }));
  const description = conference.tagline || conference.description;
  return {
    title: { default: conference.name, template: `%s · ${conference.name}` },
    description,
    openGraph: { type: "website", siteName: conference.name, title: conference.name, description },
  };
}

/** Everything of one conference: its bar, its organizers' announcements, its time zone. */
export default async function ConferenceLayout({ children }: Props) {
  const { conference, user, isOrganizer, realtimeUrl } = await getPageContext();
  return (
    <TimeZoneProvider conferenceZone={conference.timeZone}>
      <ConferenceNav conference={conference} signedIn={!!user} isOrganizer={isOrganizer} />
      <AnnouncementBanner conferenceId={conference.id} realtimeUrl={realtimeUrl} />
      <PageMain>{children}</PageMain>
    </TimeZoneProvider>
  );
}
