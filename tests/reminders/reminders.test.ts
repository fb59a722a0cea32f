import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { configureReminders } from "@/server/reminders/reminders-module";
import { sendDueReminders } from "@/server/reminders/send-due-reminders";
import { claimDueReminders } from "@/lib/reminders/claim-due-reminders";
import { setFavourite } from "@/lib/agenda/set-favourite";
import { setReminderPreference } from "@/lib/reminders/set-reminder-preference";
import { listInAppReminders } from "@/lib/reminders/list-in-app-reminders";
import type { InAppReminderView } from "@/lib/reminders/schemas";
import type { PlenaryServer } from "@/server/socket/types";
import * as reminders from "@/app/api/agenda/reminders/route";
import * as inApp from "@/app/api/agenda/reminders/in-app/route";
import * as dismiss from "@/app/api/agenda/reminders/in-app/dismiss/route";
import * as favourites from "@/app/api/agenda/favourites/route";
import { createConference, createUser, uid } from "../support/fixtures";
import { startSmtpInbox } from "../support/smtp-inbox";

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const minutes = (n: number, from = Date.now()) => new Date(from + n * 60_000);

async function talkAt(conferenceId: string, stageId: string, startsAt: Date, title = `Talk ${uid()}`) {
  return prisma.talk.create({
    data: {
      conferenceId,
      stageId,
      slug: `t-${uid()}`,
      title,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      streamKey: `key-${uid()}`,
    },
  });
}

async function waitFor<T>(
  what: string,
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("reminders on a cluster of two realtime nodes (real PostgreSQL, Redis, SMTP)", () => {
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let restoreEnv: () => void;
  let restoreReminders: () => void;
  let nodes: RealtimeServer[] = [];
  const sockets: Socket[] = [];
  const open = (url: string, cookie: string) => {
    const s = connect(url, { transports: ["websocket"], extraHeaders: { cookie }, reconnection: false });
    sockets.push(s);
    return new Promise<Socket>((resolve, reject) => {
      s.once("connect", () => resolve(s));
      s.once("connect_error", reject);
    });
  };

  // The reminders in the inbox for one address (sign-up also mailed it a confirmation link).
  const remindersTo = (email: string) => inbox.mails.filter((m) => m.to.includes(email.toLowerCase()) && m.subject.startsWith("Starts in"));

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    restoreEnv = overrideEnv({ SMTP_URL: inbox.url, REDIS_URL });
    // Both nodes sweep every 50 ms: their runners race for the same reminders all the time.
    restoreReminders = configureReminders({ sweepEveryMs: 50 });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    for (const node of nodes) await node.close();
    restoreReminders();
    restoreEnv();
    await inbox.close();
  });

  it("sends each reminder once: one e-mail and one in-app push per attendee, on whichever node their sockets are", async () => {
    const fx = await createConference();
    // Sockets first, then the nodes' runners find the reminders due.
    configureReminders({ sweepEveryMs: 0 });
    nodes = await Promise.all([0, 1].map(() => startRealtimeServer({ port: 0, host: "127.0.0.1" })));
    const [a, b] = nodes.map((n) => `http://127.0.0.1:${n.port}`);
    const talk = await talkAt(fx.conference.id, fx.stages.side.id, minutes(7), "Reminders at scale");
    const attendees = await Promise.all([0, 1, 2, 3].map(() => createUser({ conferenceId: fx.conference.id, ticket: true })));
    const pushes = new Map<string, InAppReminderView[]>();
    for (const [i, attendee] of attendees.entries()) {
      await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
      await setReminderPreference({ userId: attendee.id, talkId: talk.id, minutesBefore: 10, inApp: true, email: true });
      // One socket on the node that will not necessarily send: the push crosses nodes through Redis.
      const socket = await open(i % 2 ? b : a, attendee.cookie);
      expect(await socket.timeout(5000).emitWithAck("reminders:listen", {})).toEqual({ ok: true });
      const received: InAppReminderView[] = [];
      pushes.set(attendee.id, received);
      socket.on("reminder:due", (reminder: InAppReminderView) => received.push(reminder));
    }

    // Two runners at once, many times: the database hands each reminder to one of them.
    const sweeps = await Promise.all(
      Array.from({ length: 6 }, (_, i) => sendDueReminders(nodes[i % 2].io, { retryDelayMs: 60_000, maxAttempts: 3 })),
    );
    const emailed = sweeps.flatMap((s) => s.emailed);
    const pushed = sweeps.flatMap((s) => s.inApp);
    expect(emailed).toHaveLength(attendees.length);
    expect(new Set(emailed).size).toBe(attendees.length);
    expect(pushed).toHaveLength(attendees.length);
    expect(sweeps.flatMap((s) => s.failed)).toEqual([]);

    for (const attendee of attendees) {
      const mail = await inbox.waitForMail({ to: attendee.email, subject: /Reminders at scale/ });
      expect(mail.subject).toMatch(/^Starts in \d+ minutes: Reminders at scale$/);
      expect(mail.text).toContain(`on Side`);
      expect(mail.text).toContain(`(Europe/Berlin)`);
      expect(mail.text).toContain(`/${fx.conference.slug}/talks/${talk.slug}`);
      expect(mail.text).toContain(`/${fx.conference.slug}/agenda`);
      await waitFor("the in-app push", () => pushes.get(attendee.id)!.length >= 1);
    }
    // Another sweep of each node: nothing more goes out.
    await Promise.all(nodes.map((n) => sendDueReminders(n.io)));
    const rows = await prisma.talkReminder.findMany({ where: { talkId: talk.id } });
    expect(rows).toHaveLength(attendees.length * 2);
    expect(rows.every((r) => r.sentAt && r.attempts === 1)).toBe(true);
    for (const attendee of attendees) {
      expect(remindersTo(attendee.email)).toHaveLength(1);
      expect(pushes.get(attendee.id)).toEqual([
        expect.objectContaining({
          talkId: talk.id,
          talkSlug: talk.slug,
          conferenceSlug: fx.conference.slug,
          talkTitle: "Reminders at scale",
          stageName: "Side",
          startsAt: talk.startsAt.toISOString(),
        }),
      ]);
    }
  });

  it("the runner of each node sends on its own clock, once across the cluster", async () => {
    for (const node of nodes) await node.close();
    configureReminders({ sweepEveryMs: 50 });
    nodes = await Promise.all([0, 1].map(() => startRealtimeServer({ port: 0, host: "127.0.0.1" })));
    const fx = await createConference();
    const attendee = await createUser({ conferenceId: fx.conference.id, ticket: true });
    const socket = await open(`http://127.0.0.1:${nodes[1].port}`, attendee.cookie);
    expect(await socket.timeout(5000).emitWithAck("reminders:listen", {})).toEqual({ ok: true });
    const received: InAppReminderView[] = [];
    socket.on("reminder:due", (reminder: InAppReminderView) => received.push(reminder));
    const talk = await talkAt(fx.conference.id, fx.stages.main.id, minutes(4), "On the clock");
    await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
    await setReminderPreference({ userId: attendee.id, talkId: talk.id, minutesBefore: 5, inApp: true, email: true });

    await inbox.waitForMail({ to: attendee.email, subject: /On the clock/ });
    await waitFor("the in-app push", () => received.length >= 1);
    // Several more sweeps of both runners after it was sent: the rows say none of them took it again.
    const rowsOf = () => prisma.talkReminder.findMany({ where: { talkId: talk.id }, orderBy: { channel: "asc" } });
    // The mail arrives before its sender writes down that it went.
    const sent = await waitFor("both reminders marked sent", () => rowsOf().then((rows) => rows.length === 2 && rows.every((r) => r.sentAt) && rows));
    await Promise.all(nodes.map((n) => sendDueReminders(n.io)));
    expect(await rowsOf()).toEqual(sent);
    expect(received).toHaveLength(1);
    expect(remindersTo(attendee.email)).toHaveLength(1);
  });

  it("refuses reminders:listen to a socket without an account", async () => {
    const anonymous = connect(`http://127.0.0.1:${nodes[0].port}`, { transports: ["websocket"], reconnection: false });
    sockets.push(anonymous);
    await new Promise<void>((resolve) => anonymous.once("connect", () => resolve()));
    expect(await anonymous.timeout(5000).emitWithAck("reminders:listen", {})).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
  });
});

// The claim itself with the clock given: the talks are years ahead, where the periodic runners of
// the other tests never look.
describe("which reminders are due", () => {
  const io = new Server() as unknown as PlenaryServer;
  let fx: Awaited<ReturnType<typeof createConference>>;
  let attendee: Awaited<ReturnType<typeof createUser>>;
  const base = new Date("2031-03-01T09:00:00Z").getTime() + Math.floor(Math.random() * 1e6) * 60_000;
  const at = (n: number) => minutes(n, base);
  const claimsFor = async (talkId: string, now: Date) => (await claimDueReminders({ now })).filter((r) => r.talkId === talkId);

  beforeAll(async () => {
    fx = await createConference();
    attendee = await createUser({ conferenceId: fx.conference.id, ticket: true });
  });

  it("follows a talk moved after starring, and sends again for its new time", async () => {
    const talk = await talkAt(fx.conference.id, fx.stages.main.id, at(120));
    await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
    // Default: in-app, 10 minutes before.
    expect(await claimsFor(talk.id, at(100))).toEqual([]);
    expect(await claimsFor(talk.id, at(111))).toMatchObject([{ channel: "IN_APP", startsAt: at(120) }]);
    expect(await claimsFor(talk.id, at(112))).toEqual([]);

    // Moved later: due again 10 minutes before the new start, not before.
    await prisma.talk.update({ where: { id: talk.id }, data: { startsAt: at(180), endsAt: at(210) } });
    expect(await claimsFor(talk.id, at(150))).toEqual([]);
    expect(await claimsFor(talk.id, at(171))).toMatchObject([{ channel: "IN_APP", startsAt: at(180) }]);
  });

  it("sends nothing for a talk moved into the past, started or already begun", async () => {
    const moved = await talkAt(fx.conference.id, fx.stages.main.id, at(300));
    const live = await talkAt(fx.conference.id, fx.stages.side.id, at(300));
    for (const talk of [moved, live]) await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
    await prisma.talk.update({ where: { id: moved.id }, data: { startsAt: at(200), endsAt: at(230) } });
    await prisma.talk.update({ where: { id: live.id }, data: { status: "LIVE" } });
    expect(await claimsFor(moved.id, at(295))).toEqual([]);
    expect(await claimsFor(live.id, at(295))).toEqual([]);
    // A talk that began a minute ago is not announced as starting, whatever the lead time.
    const begun = await talkAt(fx.conference.id, fx.stages.main.id, at(400));
    await setFavourite({ userId: attendee.id, talkId: begun.id, starred: true });
    expect(await claimsFor(begun.id, at(401))).toEqual([]);
    // Unstarred before its time: nothing.
    const unstarred = await talkAt(fx.conference.id, fx.stages.main.id, at(500));
    await setFavourite({ userId: attendee.id, talkId: unstarred.id, starred: true });
    await setFavourite({ userId: attendee.id, talkId: unstarred.id, starred: false });
    expect(await claimsFor(unstarred.id, at(495))).toEqual([]);
  });

  it("retries a failed e-mail a bounded number of times, then gives up", async () => {
    const restore = overrideEnv({ SMTP_URL: "smtp://127.0.0.1:9" }); // nothing listens there
    try {
      const talk = await talkAt(fx.conference.id, fx.stages.main.id, at(700));
      await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
      await setReminderPreference({ userId: attendee.id, talkId: talk.id, minutesBefore: 30, inApp: false, email: true });
      const options = { maxAttempts: 3, retryDelayMs: 60_000 };
      const first = await sendDueReminders(io, { ...options, now: at(671) });
      const [reminder] = await prisma.talkReminder.findMany({ where: { talkId: talk.id } });
      expect(first.failed).toContain(reminder.id);
      expect(reminder).toMatchObject({ channel: "EMAIL", attempts: 1, sentAt: null, failedAt: null });
      // Not before its retry time; then twice more.
      expect((await sendDueReminders(io, { ...options, now: at(671.5) })).failed).not.toContain(reminder.id);
      expect((await sendDueReminders(io, { ...options, now: at(672) })).failed).toContain(reminder.id);
      expect((await sendDueReminders(io, { ...options, now: at(673) })).failed).toContain(reminder.id);
      const given = await prisma.talkReminder.findUniqueOrThrow({ where: { id: reminder.id } });
      expect(given).toMatchObject({ attempts: 3, sentAt: null });
      expect(given.failedAt).not.toBeNull();
      expect(given.lastError).toBeTruthy();
      const after = await sendDueReminders(io, { ...options, now: at(680) });
      expect([...after.failed, ...after.emailed]).not.toContain(reminder.id);
    } finally {
      restore();
    }
  });

  it("delivers a mail on the retry after the mail server refused it once", async () => {
    const inbox = await startSmtpInbox();
    const restore = overrideEnv({ SMTP_URL: "smtp://127.0.0.1:9" });
    try {
      const talk = await talkAt(fx.conference.id, fx.stages.main.id, at(800), "Second time lucky");
      await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
      await setReminderPreference({ userId: attendee.id, talkId: talk.id, minutesBefore: 15, inApp: false, email: true });
      expect((await sendDueReminders(io, { retryDelayMs: 10_000, now: at(786) })).failed).toHaveLength(1);
      overrideEnv({ SMTP_URL: inbox.url });
      const retry = await sendDueReminders(io, { retryDelayMs: 10_000, now: at(786.5) });
      expect(retry.emailed).toHaveLength(1);
      const mail = await inbox.waitForMail({ to: attendee.email, subject: /Second time lucky/ });
      expect(mail.subject).toBe("Starts in 14 minutes: Second time lucky");
    } finally {
      restore();
      await inbox.close();
    }
  });

  it("keeps an in-app reminder for the next page load until it is closed or the talk is over", async () => {
    const talk = await talkAt(fx.conference.id, fx.stages.main.id, minutes(3));
    await setFavourite({ userId: attendee.id, talkId: talk.id, starred: true });
    const sweep = await sendDueReminders(io, { now: new Date() });
    expect(sweep.inApp.length).toBeGreaterThanOrEqual(1);
    const pending = await listInAppReminders({ userId: attendee.id });
    expect(pending.map((r) => r.talkId)).toContain(talk.id);
    // Once the talk is over it is no longer worth showing.
    expect((await listInAppReminders({ userId: attendee.id, now: minutes(40) })).map((r) => r.talkId)).not.toContain(talk.id);
  });
});

describe("reminder API: own favourites only", () => {
  let restoreEnv: () => void;
  let fx: Awaited<ReturnType<typeof createConference>>;
  let alice: Awaited<ReturnType<typeof createUser>>;
  let mallory: Awaited<ReturnType<typeof createUser>>;
  const json = (method: string, url: string, cookie: string | null, body?: unknown) =>
    new Request(`http://localhost${url}`, {
      method,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    fx = await createConference();
    restoreEnv = overrideEnv({ PLENARY_CONFERENCE: fx.conference.slug });
    alice = await createUser({ conferenceId: fx.conference.id, ticket: true });
    mallory = await createUser({ conferenceId: fx.conference.id, ticket: true });
  });
  afterAll(() => restoreEnv());

  it("starring answers with the default reminder; the attendee changes it and reads it back", async () => {
    const talkId = fx.talks.webTalk.id;
    const starred = await favourites.POST(json("POST", "/api/agenda/favourites", alice.cookie, { talkId, starred: true }));
    expect(await starred.json()).toEqual({ talkId, starred: true, reminder: { talkId, minutesBefore: 10, inApp: true, email: false } });
    const set = await reminders.PUT(json("PUT", "/api/agenda/reminders", alice.cookie, { talkId, minutesBefore: 30, inApp: false, email: true }));
    expect(set.status).toBe(200);
    const read = await reminders.GET(json("GET", `/api/agenda/reminders?talkId=${talkId}`, alice.cookie));
    expect(await read.json()).toEqual({ talkId, minutesBefore: 30, inApp: false, email: true });
  });

  it("cannot read or change another attendee's reminder, nor one for a talk not starred", async () => {
    const talkId = fx.talks.webTalk.id; // alice's
    const put = await reminders.PUT(json("PUT", "/api/agenda/reminders", mallory.cookie, { talkId, minutesBefore: 5, inApp: true, email: true }));
    expect(put.status).toBe(404);
    expect((await reminders.GET(json("GET", `/api/agenda/reminders?talkId=${talkId}`, mallory.cookie))).status).toBe(404);
    const alices = await prisma.favourite.findUniqueOrThrow({ where: { userId_talkId: { userId: alice.id, talkId } } });
    expect(alices).toMatchObject({ remindMinutes: 30, remindInApp: false, remindByEmail: true });
  });

  it("answers 401 to a visitor and 400 to a lead time that is not offered", async () => {
    const talkId = fx.talks.webTalk.id;
    const anonymous = await reminders.PUT(json("PUT", "/api/agenda/reminders", null, { talkId, minutesBefore: 10, inApp: true, email: false }));
    expect(anonymous.status).toBe(401);
    expect((await inApp.GET(json("GET", "/api/agenda/reminders/in-app", null))).status).toBe(401);
    for (const body of [
      { talkId, minutesBefore: 7, inApp: true, email: false },
      { talkId, minutesBefore: 10, inApp: "yes", email: false },
      { talkId, minutesBefore: 10, inApp: true, email: false, userId: mallory.id },
      { talkId: "a\u0000b".repeat(40), minutesBefore: 10, inApp: true, email: false },
    ]) {
      const bad = await reminders.PUT(json("PUT", "/api/agenda/reminders", alice.cookie, body));
      expect(bad.status).toBe(400);
    }
  });

  it("lists and closes only one's own in-app reminders", async () => {
    const talk = await talkAt(fx.conference.id, fx.stages.main.id, minutes(2), "Soon on main");
    await setFavourite({ userId: alice.id, talkId: talk.id, starred: true });
    await sendDueReminders(new Server() as unknown as PlenaryServer);
    const listed = (await (await inApp.GET(json("GET", "/api/agenda/reminders/in-app", alice.cookie))).json()) as { reminders: InAppReminderView[] };
    const mine = listed.reminders.find((r) => r.talkId === talk.id);
    expect(mine).toMatchObject({ talkTitle: "Soon on main", stageName: "Main" });
    const othersList = (await (await inApp.GET(json("GET", "/api/agenda/reminders/in-app", mallory.cookie))).json()) as {
      reminders: InAppReminderView[];
    };
    expect(othersList.reminders.find((r) => r.talkId === talk.id)).toBeUndefined();

    const stolen = await dismiss.POST(json("POST", "/api/agenda/reminders/in-app/dismiss", mallory.cookie, { reminderId: mine!.id }));
    expect(stolen.status).toBe(404);
    expect((await listInAppReminders({ userId: alice.id })).map((r) => r.id)).toContain(mine!.id);
    const closed = await dismiss.POST(json("POST", "/api/agenda/reminders/in-app/dismiss", alice.cookie, { reminderId: mine!.id }));
    expect(closed.status).toBe(200);
    expect((await listInAppReminders({ userId: alice.id })).map((r) => r.id)).not.toContain(mine!.id);
  });
});
