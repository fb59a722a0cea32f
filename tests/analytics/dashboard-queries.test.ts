import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { getConferenceAnalytics } from "@/lib/analytics/get-conference-analytics";
import { getTalkAnalytics } from "@/lib/analytics/get-talk-analytics";
import { listSalesByDay } from "@/lib/analytics/list-sales-by-day";
import * as exportRoute from "@/app/api/conferences/[conference]/admin/analytics/export/route";
import { createConference, createUser, uid } from "../support/fixtures";

// Sales, code use and chat/Q&A activity as the dashboard reads them, from rows placed at known
// instants, and the CSV export's door: organizers of this conference only.

const utc = (text: string) => new Date(`${text}Z`);

describe("analytics of sales, activity and the CSV export", () => {
  let fx: Awaited<ReturnType<typeof createConference>>;
  let conferenceId: string;
  let organizer: { id: string; cookie: string };
  let attendee: { id: string; cookie: string };
  let restoreEnv: () => void;

  beforeAll(async () => {
    fx = await createConference({ timeZone: "Europe/Berlin", startsAt: utc("2026-06-01T08:00:00") });
    conferenceId = fx.conference.id;
    restoreEnv = overrideEnv({ PLENARY_CONFERENCE: fx.conference.slug });
    organizer = await createUser({ conferenceId, role: "ORGANIZER", name: "Olga Organizer" });
    attendee = await createUser({ name: "Ada Attendee" }); // a signed-in account, no organizer
    const type = await prisma.ticketType.create({ data: { conferenceId, name: "Standard", priceCents: 10_000 } });
    const code = await prisma.discountCode.create({ data: { conferenceId, code: `SAVE-${uid()}`, kind: "PERCENT", value: 50 } });
    const order = async (o: {
      status: "PAID" | "PENDING" | "CANCELLED";
      quantity: number;
      totalCents: number;
      createdAt: string;
      paidAt?: string;
      redeemed?: boolean;
    }) => {
      const row = await prisma.order.create({
        data: {
          conferenceId,
          userId: attendee.id,
          ticketTypeId: type.id,
          quantity: o.quantity,
          status: o.status,
          subtotalCents: o.totalCents,
          totalCents: o.totalCents,
          currency: "EUR",
          createdAt: utc(o.createdAt),
          paidAt: o.paidAt ? utc(o.paidAt) : null,
          discountCodeId: o.redeemed ? code.id : null,
        },
      });
      if (o.redeemed) {
        await prisma.discountRedemption.create({
          data: { discountCodeId: code.id, orderId: row.id, userId: attendee.id, createdAt: utc(o.createdAt) },
        });
      }
    };
    await order({ status: "PAID", quantity: 2, totalCents: 20_000, createdAt: "2026-05-10T09:58:00", paidAt: "2026-05-10T10:00:00" });
    // Placed at 23:30 in Berlin on the 10th (code used that day), paid at 00:30 on the 11th.
    await order({ status: "PAID", quantity: 1, totalCents: 5_000, createdAt: "2026-05-10T21:30:00", paidAt: "2026-05-10T22:30:00", redeemed: true });
    await order({ status: "PENDING", quantity: 3, totalCents: 30_000, createdAt: "2026-05-12T10:00:00" });
    await order({ status: "CANCELLED", quantity: 1, totalCents: 5_000, createdAt: "2026-05-12T11:00:00", redeemed: true });
    await order({ status: "PAID", quantity: 1, totalCents: 0, createdAt: "2026-05-13T08:00:00", paidAt: "2026-05-13T08:00:00", redeemed: true });

    // The web talk runs 09:00-09:30 UTC: two messages in its first minute, one and a question in
    // the second, a question in the third.
    const talk = fx.talks.webTalk;
    const chat = (createdAt: string) =>
      prisma.chatMessage.create({ data: { conferenceId, talkId: talk.id, userId: organizer.id, body: "hi", createdAt: utc(createdAt) } });
    const ask = (createdAt: string) =>
      prisma.question.create({ data: { talkId: talk.id, userId: organizer.id, body: "why?", createdAt: utc(createdAt) } });
    await Promise.all([
      chat("2026-06-01T09:00:10"),
      chat("2026-06-01T09:00:20"),
      chat("2026-06-01T09:01:00"),
      ask("2026-06-01T09:01:30"),
      ask("2026-06-01T09:02:05"),
    ]);
    // The hallway channel is not a talk's activity.
    await prisma.chatMessage.create({ data: { conferenceId, userId: organizer.id, body: "hallway", createdAt: utc("2026-06-01T09:00:30") } });
  });
  afterAll(async () => {
    restoreEnv?.();
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("counts paid tickets, revenue and code redemptions per day in the conference's zone, empty days included", async () => {
    expect(await listSalesByDay({ conferenceId, timeZone: "Europe/Berlin" })).toEqual([
      { day: "2026-05-10", orders: 1, tickets: 2, revenueCents: 20_000, redemptions: 1 },
      { day: "2026-05-11", orders: 1, tickets: 1, revenueCents: 5_000, redemptions: 0 },
      { day: "2026-05-12", orders: 0, tickets: 0, revenueCents: 0, redemptions: 0 },
      { day: "2026-05-13", orders: 1, tickets: 1, revenueCents: 0, redemptions: 1 },
    ]);
    const { totals } = await getConferenceAnalytics({ conferenceId, timeZone: "Europe/Berlin" });
    expect(totals).toMatchObject({
      ticketsSold: 4,
      revenueCents: 25_000,
      redemptions: 2,
      chatMessages: 3,
      questions: 2,
      uniqueViewers: 0,
      peakConcurrent: 0,
    });
  });

  it("counts a talk's chat messages and questions per minute over its slot", async () => {
    const { activity, audience } = await getTalkAnalytics({ conferenceId, talkId: fx.talks.webTalk.id });
    expect(audience).toMatchObject({ chatMessages: 3, questions: 2 });
    expect(activity.bucketMinutes).toBe(1);
    expect(activity.points).toHaveLength(30);
    expect(activity.points.slice(0, 4)).toEqual([
      { at: "2026-06-01T09:00:00.000Z", chat: 2, questions: 0 },
      { at: "2026-06-01T09:01:00.000Z", chat: 1, questions: 1 },
      { at: "2026-06-01T09:02:00.000Z", chat: 0, questions: 1 },
      { at: "2026-06-01T09:03:00.000Z", chat: 0, questions: 0 },
    ]);
    await expect(getTalkAnalytics({ conferenceId: "another-conference", talkId: fx.talks.webTalk.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("exports CSV to organizers only, with a byte-order mark", async () => {
    const get = (query: string, cookie?: string) =>
      exportRoute.GET(
        new Request(`http://localhost/api/conferences/${fx.conference.slug}/admin/analytics/export${query}`, { headers: cookie ? { cookie } : {} }),
        { params: Promise.resolve({ conference: fx.conference.slug }) },
      );
    expect((await get("?kind=sales")).status).toBe(401);
    expect((await get("?kind=sales", attendee.cookie)).status).toBe(403);
    // An organizer of another conference is not one of this one.
    const elsewhere = await createConference();
    const otherOrganizer = await createUser({ conferenceId: elsewhere.conference.id, role: "ORGANIZER" });
    expect((await get("?kind=talks", otherOrganizer.cookie)).status).toBe(403);

    const sales = await get("?kind=sales", organizer.cookie);
    expect(sales.status).toBe(200);
    expect(sales.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(sales.headers.get("content-disposition")).toMatch(/^attachment; filename="conf-\w+-analytics-sales-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await sales.arrayBuffer());
    expect(text).toBe(
      "\uFEFFday,orders,tickets,revenue,discount_redemptions\r\n" +
        "2026-05-10,1,2,200.00,1\r\n2026-05-11,1,1,50.00,0\r\n2026-05-12,0,0,0.00,0\r\n2026-05-13,1,1,0.00,1\r\n",
    );

    const talks = await (await get("?kind=talks", organizer.cookie)).text();
    expect(talks.split("\r\n")[0]).toContain("talk,stage,starts_at,live_viewers,peak_live");
    expect(talks).toContain("Talk web-talk,Main,2026-06-01T09:00:00.000Z,0,0,0,0,0,0,0,0,3,2");

    const minutes = await (await get(`?kind=talk&talkId=${fx.talks.webTalk.id}`, organizer.cookie)).text();
    // (Response.text() drops the byte-order mark, as UTF-8 decoding does.)
    expect(minutes.split("\r\n")).toEqual([
      "minute_utc,live_viewers,replay_viewers,chat_messages,questions",
      "2026-06-01T09:00:00.000Z,0,0,2,0",
      "2026-06-01T09:01:00.000Z,0,0,1,1",
      "2026-06-01T09:02:00.000Z,0,0,0,1",
      "",
    ]);

    const missing = await get("?kind=talk", organizer.cookie);
    expect(missing.status).toBe(400);
    expect((await get(`?kind=talk&talkId=${elsewhere.talks.keynote.id}`, organizer.cookie)).status).toBe(404);
    expect((await get('?kind=talk&talkId=a"b', organizer.cookie)).status).toBe(400);
    await prisma.conference.delete({ where: { id: elsewhere.conference.id } });
  });
});
