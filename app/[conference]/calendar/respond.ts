import { AppError, toErrorBody, statusOf } from "@/lib/errors/app-error";
import { getConferenceBySlugOrThrow } from "@/lib/conference/get-conference-by-slug";
import { getCalendarFeed } from "@/lib/calendar/get-calendar-feed";
import { env } from "@/lib/config/env";

type Feed = Parameters<typeof getCalendarFeed>[0]["feed"];

/** Answers an .ics request of the conference `conferenceSlug` (shared by the three calendar routes). */
export async function respondWithCalendar(conferenceSlug: string, feed: Feed): Promise<Response> {
  try {
    const conference = await getConferenceBySlugOrThrow({ slug: conferenceSlug });
    const { filename, body } = await getCalendarFeed({ conferenceId: conference.id, feed, publicUrl: env.PUBLIC_URL });
    return new Response(body, {
      headers: {
        "content-type": "text/calendar; charset=utf-8",
        "content-disposition": `inline; filename="${filename}"`,
        "cache-control": feed.kind === "agenda" ? "private, no-store" : "public, max-age=300",
      },
    });
  } catch (error) {
    const body = toErrorBody(error);
    return Response.json({ error: body }, { status: error instanceof AppError ? error.status : statusOf(body) });
  }
}
