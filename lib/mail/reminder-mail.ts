import { layout } from "./account-mails";
import type { Mail } from "./send-mail";

/** "Tuesday 1 December, 14:30 CET", in the conference's zone (the zone the programme is printed in). */
export function formatTalkStart(startsAt: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long" }).format(startsAt);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", timeZoneName: "short" }).format(startsAt);
  return `${day}, ${time}`;
}

/** "in 10 minutes" from `now` (rounded; at least one minute). */
export function startsIn(startsAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((startsAt.getTime() - now.getTime()) / 60_000));
  return minutes === 1 ? "in 1 minute" : `in ${minutes} minutes`;
}

/** The e-mail reminder of a starred talk, shortly before it starts. */
export function talkReminderMail(options: {
  to: string;
  name: string;
  talkTitle: string;
  stageName: string;
  startsAt: Date;
  timeZone: string;
  conferenceName: string;
  talkUrl: string;
  agendaUrl: string;
  now?: Date;
}): Mail {
  const { to, name, talkTitle, stageName, startsAt, timeZone, conferenceName, talkUrl, agendaUrl } = options;
  const soon = startsIn(startsAt, options.now ?? new Date());
  const when = formatTalkStart(startsAt, timeZone);
  const lines = [`Hi ${name},`, `“${talkTitle}” starts ${soon}: ${when} (${timeZone}), on ${stageName}.`];
  const footer = `You starred this talk at ${conferenceName} and asked for an e-mail reminder. Change or turn off reminders in your agenda: ${agendaUrl}`;
  return {
    to,
    subject: `Starts ${soon}: ${talkTitle}`,
    text: `${lines.join("\n\n")}\n\nJoin the talk: ${talkUrl}\n\n${footer}\n`,
    html: layout({ title: `Starting ${soon}`, lines, action: "Join the talk", url: talkUrl, footer }),
  };
}
