import { findDefaultConference } from "@/lib/conference/find-default-conference";
import { conferencePath } from "@/lib/conference/conference-path";

export const dynamic = "force-dynamic";

// Old URLs from before an instance held many conferences (`/schedule`, `/talks/x`, a subscribed
// `/calendar/schedule.ics`) arrive here through proxy.ts and go on to the default conference.
// Temporary (307): the default changes as conferences come and go.
export async function GET(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  const conference = await findDefaultConference();
  const url = new URL(request.url);
  const target = conference ? `${conferencePath(conference.slug)}/${path.map(encodeURIComponent).join("/")}${url.search}` : "/";
  return new Response(null, { status: 307, headers: { location: target, "cache-control": "no-store" } });
}
