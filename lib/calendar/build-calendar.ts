import ical, { ICalCalendarMethod } from "ical-generator";
import type { TalkCard } from "@/lib/schedule/get-schedule";
import { conferencePath } from "@/lib/conference/conference-path";

/** RFC 5545 calendar for a set of talks (whole schedule, one agenda, or one talk). */
export function buildCalendar(options: {
  name: string;
  conference: { slug: string; name: string; timeZone: string };
  talks: Pick<TalkCard, "id" | "slug" | "title" | "abstract" | "startsAt" | "endsAt" | "stage" | "speakers" | "status">[];
  publicUrl: string;
}): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: "Plenary", product: "Plenary", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    // Times are written in UTC; the zone tells calendar apps where the conference happens.
    timezone: options.conference.timeZone,
    ttl: 60 * 15,
  });
  for (const talk of options.talks) {
    const speakers = talk.speakers.map((s) => s.speaker.name).join(", ");
    const url = `${options.publicUrl}${conferencePath(options.conference.slug, `/talks/${talk.slug}`)}`;
    calendar.createEvent({
      id: `${talk.id}@plenary`,
      start: talk.startsAt,
      end: talk.endsAt,
      summary: talk.title,
      description: [speakers && `With ${speakers}`, talk.abstract, url].filter(Boolean).join("\n\n"),
      location: `${options.conference.name} · ${talk.stage.name}`,
      url,
      timezone: "UTC",
    });
  }
  return calendar.toString();
}
