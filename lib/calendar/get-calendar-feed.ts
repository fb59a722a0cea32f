import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { talkCardSelect } from "@/lib/schedule/get-schedule";
import { findUserByAgendaToken } from "@/lib/agenda/get-agenda-feed-token";
import { buildCalendar } from "./build-calendar";

type Feed = { kind: "schedule" } | { kind: "agenda"; token: string } | { kind: "talk"; slug: string };

/** The iCal text for the whole schedule, one private agenda, or one talk. */
export async function getCalendarFeed(options: { conferenceId: string; feed: Feed; publicUrl: string }): Promise<{ filename: string; body: string }> {
  const conference = await prisma.conference.findUniqueOrThrow({ where: { id: options.conferenceId } });
  const { feed } = options;
  let talks;
  let name = conference.name;
  let filename = `${conference.slug}.ics`;
  if (feed.kind === "schedule") {
    talks = await prisma.talk.findMany({ where: { conferenceId: conference.id }, orderBy: { startsAt: "asc" }, select: talkCardSelect });
  } else if (feed.kind === "agenda") {
    const user = await findUserByAgendaToken({ token: feed.token });
    if (!user) throw notFound("Agenda feed");
    talks = (
      await prisma.favourite.findMany({
        where: { userId: user.id, talk: { conferenceId: conference.id } },
        orderBy: { talk: { startsAt: "asc" } },
        select: { talk: { select: talkCardSelect } },
      })
    ).map((f) => f.talk);
    name = `${conference.name} · my agenda`;
    filename = `${conference.slug}-agenda.ics`;
  } else {
    const talk = await prisma.talk.findUnique({
      where: { conferenceId_slug: { conferenceId: conference.id, slug: feed.slug } },
      select: talkCardSelect,
    });
    if (!talk) throw notFound("Talk");
    talks = [talk];
    name = talk.title;
    filename = `${talk.slug}.ics`;
  }
  return { filename, body: buildCalendar({ name, conference, talks, publicUrl: options.publicUrl }) };
}
