import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { getViewer } from "@/lib/permissions/get-viewer";
import { createUser } from "../support/fixtures";
import { createTestConference, deleteConference } from "./fixtures";
import * as typesRoute from "@/app/api/conferences/[conference]/admin/tickets/types/route";
import * as typeRoute from "@/app/api/conferences/[conference]/admin/tickets/types/[id]/route";
import * as codesRoute from "@/app/api/conferences/[conference]/admin/tickets/codes/route";
import * as generateRoute from "@/app/api/conferences/[conference]/admin/tickets/codes/generate/route";
import * as ordersRoute from "@/app/api/conferences/[conference]/admin/tickets/orders/route";
import * as paidRoute from "@/app/api/conferences/[conference]/admin/tickets/orders/[id]/paid/route";
import * as registrationsRoute from "@/app/api/conferences/[conference]/admin/tickets/registrations/route";
import * as revokeRoute from "@/app/api/conferences/[conference]/admin/tickets/registrations/[ticketId]/revoke/route";
import * as exportRoute from "@/app/api/conferences/[conference]/admin/tickets/export/route";
import * as ticketsRoute from "@/app/api/conferences/[conference]/tickets/route";
import * as mineRoute from "@/app/api/conferences/[conference]/tickets/mine/route";
import * as quoteRoute from "@/app/api/conferences/[conference]/checkout/quote/route";
import * as checkoutRoute from "@/app/api/conferences/[conference]/checkout/route";
import * as cancelOwnRoute from "@/app/api/conferences/[conference]/tickets/orders/[id]/cancel/route";

// The handlers are called as Next calls them — a Request in, a Response out — with real
// better-auth session cookies and a real database.

type Who = { cookie?: string };
function request(path: string, who: Who, init: { method?: string; body?: unknown; rawBody?: string } = {}) {
  return new Request(`http://localhost${path}`, {
    method: init.method ?? (init.body !== undefined || init.rawBody !== undefined ? "POST" : "GET"),
    headers: { ...(who.cookie ? { cookie: who.cookie } : {}), "content-type": "application/json" },
    body: init.rawBody ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
  });
}
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

describe("ticket route handlers", () => {
  let conferenceId: string;
  let organizer: Who & { id: string };
  let attendee: Who & { id: string; email: string };
  const anonymous: Who = {};
  let conferenceSlug: string;

  beforeAll(async () => {
    const conference = await createTestConference();
    conferenceId = conference.id;
    conferenceSlug = conference.slug;
    organizer = await createUser({ conferenceId, role: "ORGANIZER", name: "Olga Organizer" });
    attendee = await createUser({ name: "Ada Attendee" });
  });
  afterAll(async () => {
    await deleteConference(conferenceId);
    await prisma.user.deleteMany({ where: { id: { in: [organizer.id, attendee.id] } } });
  });

  it("lets only organizers manage ticket types", async () => {
    const body = { name: "Standard", priceCents: 20_000, currency: "eur", quota: 100 };
    expect((await typesRoute.POST(request("/api/admin/tickets/types", anonymous, { body }), params({ conference: conferenceSlug }))).status).toBe(
      401,
    );
    const forbidden = await typesRoute.POST(request("/api/admin/tickets/types", attendee, { body }), params({ conference: conferenceSlug }));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe("FORBIDDEN");

    const created = await typesRoute.POST(request("/api/admin/tickets/types", organizer, { body }), params({ conference: conferenceSlug }));
    expect(created.status).toBe(201);
    expect((await created.json()).ticketType).toMatchObject({ name: "Standard", currency: "EUR", quota: 100, sold: 0 });
  });

  it("answers bad input with field errors", async () => {
    const response = await typesRoute.POST(
      request("/api/admin/tickets/types", organizer, { body: { name: "", priceCents: -5 } }),
      params({ conference: conferenceSlug }),
    );
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fields).toMatchObject({ name: ["Enter a name"], priceCents: ["Price cannot be negative"] });

    const malformed = await typesRoute.POST(
      request("/api/admin/tickets/types", organizer, { rawBody: "{not json" }),
      params({ conference: conferenceSlug }),
    );
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toBe("Request body must be JSON");
  });

  it("takes an attendee from discount code to ticket, with the organizer confirming payment", async () => {
    const { ticketTypes } = await (await ticketsRoute.GET(request("/api/tickets", anonymous), params({ conference: conferenceSlug }))).json();
    const standard = ticketTypes.find((t: { name: string }) => t.name === "Standard");
    expect(standard).toMatchObject({ availability: "on-sale", remaining: 100 });

    const code = await codesRoute.POST(
      request("/api/admin/tickets/codes", organizer, { body: { code: "Friends20", kind: "PERCENT", value: 20, maxRedemptions: 10 } }),
      params({ conference: conferenceSlug }),
    );
    expect(code.status).toBe(201);

    const quote = await quoteRoute.POST(
      request("/api/checkout/quote", attendee, { body: { ticketTypeId: standard.id, discountCode: "friends20" } }),
      params({ conference: conferenceSlug }),
    );
    expect((await quote.json()).quote).toMatchObject({ subtotalCents: 20_000, discountCents: 4_000, totalCents: 16_000 });

    const unknown = await quoteRoute.POST(
      request("/api/checkout/quote", attendee, { body: { ticketTypeId: standard.id, discountCode: "NOPE1" } }),
      params({ conference: conferenceSlug }),
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toEqual({
      code: "INVALID_INPUT",
      message: "This discount code does not exist",
      fields: { discountCode: ["This discount code does not exist"] },
    });

    expect(
      (await checkoutRoute.POST(request("/api/checkout", anonymous, { body: { ticketTypeId: standard.id } }), params({ conference: conferenceSlug })))
        .status,
    ).toBe(401);
    const placed = await checkoutRoute.POST(
      request("/api/checkout", attendee, { body: { ticketTypeId: standard.id, discountCode: "FRIENDS20" } }),
      params({ conference: conferenceSlug }),
    );
    expect(placed.status).toBe(201);
    const { order, paymentUrl } = await placed.json();
    // No Stripe keys here: the order waits for the organizer.
    expect(paymentUrl).toBeNull();
    expect(order).toMatchObject({ status: "PENDING", totalCents: 16_000 });
    expect((await getViewer({ conferenceId, userId: attendee.id })).hasTicket).toBe(false);

    const { orders } = await (
      await ordersRoute.GET(request("/api/admin/tickets/orders?q=ada%20attendee", organizer), params({ conference: conferenceSlug }))
    ).json();
    expect(orders.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect(
      (
        await paidRoute.POST(
          request(`/api/admin/tickets/orders/${order.id}/paid`, attendee, { body: {} }),
          params({ conference: conferenceSlug, id: order.id }),
        )
      ).status,
    ).toBe(403);
    const paid = await paidRoute.POST(
      request(`/api/admin/tickets/orders/${order.id}/paid`, organizer, { body: {} }),
      params({ conference: conferenceSlug, id: order.id }),
    );
    expect(paid.status).toBe(200);
    expect((await getViewer({ conferenceId, userId: attendee.id })).hasTicket).toBe(true);

    const mine = await (await mineRoute.GET(request("/api/tickets/mine", attendee), params({ conference: conferenceSlug }))).json();
    expect(mine.orders[0]).toMatchObject({ status: "PAID", discountCode: "FRIENDS20", tickets: [{ status: "VALID" }] });

    const codes = await (
      await codesRoute.GET(request("/api/admin/tickets/codes?q=friends", organizer), params({ conference: conferenceSlug }))
    ).json();
    expect(codes.discountCodes[0]).toMatchObject({ code: "FRIENDS20", redemptions: 1, maxRedemptions: 10, orders: 1 });
  });

  it("lets attendees withdraw their own unpaid order, and only their own", async () => {
    const { ticketTypes } = await (await ticketsRoute.GET(request("/api/tickets", anonymous), params({ conference: conferenceSlug }))).json();
    const placed = await checkoutRoute.POST(
      request("/api/checkout", attendee, { body: { ticketTypeId: ticketTypes[0].id, quantity: 3 } }),
      params({ conference: conferenceSlug }),
    );
    const { order } = await placed.json();
    expect(order.status).toBe("PENDING");
    // A second unpaid order is refused while this one is open.
    const second = await checkoutRoute.POST(
      request("/api/checkout", attendee, { body: { ticketTypeId: ticketTypes[0].id } }),
      params({ conference: conferenceSlug }),
    );
    expect(second.status).toBe(409);

    const path = `/api/tickets/orders/${order.id}/cancel`;
    expect((await cancelOwnRoute.POST(request(path, organizer, { body: {} }), params({ conference: conferenceSlug, id: order.id }))).status).toBe(
      404,
    );
    const cancelled = await cancelOwnRoute.POST(request(path, attendee, { body: {} }), params({ conference: conferenceSlug, id: order.id }));
    expect(cancelled.status).toBe(200);
    expect((await cancelled.json()).order.status).toBe("CANCELLED");
  });

  it("searches, exports and revokes registrations", async () => {
    const found = await (
      await registrationsRoute.GET(
        request(`/api/admin/tickets/registrations?q=${encodeURIComponent(attendee.email)}`, organizer),
        params({ conference: conferenceSlug }),
      )
    ).json();
    expect(found.total).toBe(1);
    const ticketId = found.registrations[0].ticketId;
    expect(found.registrations[0]).toMatchObject({ status: "VALID", attendee: { email: attendee.email }, order: { discountCode: "FRIENDS20" } });
    const none = await (
      await registrationsRoute.GET(request("/api/admin/tickets/registrations?q=nobody-at-all", organizer), params({ conference: conferenceSlug }))
    ).json();
    expect(none.total).toBe(0);

    const csv = await exportRoute.GET(request("/api/admin/tickets/export?kind=attendees", organizer), params({ conference: conferenceSlug }));
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename=".*-attendees-\d{4}-\d{2}-\d{2}\.csv"/);
    // UTF-8 with a byte-order mark, so Excel on Windows shows names as typed.
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes).trim().split("\r\n");
    expect(lines[0]).toBe("ticket_id,status,name,email,ticket_type,order_id,discount_code,issued_at,revoked_at");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`${ticketId},VALID,Ada Attendee,${attendee.email},Standard,`);
    const orders = await (
      await exportRoute.GET(request("/api/admin/tickets/export?kind=orders", organizer), params({ conference: conferenceSlug }))
    ).text();
    const orderLines = orders.trim().split("\r\n").slice(1);
    expect(orderLines.map((line) => line.split(",")[1]).sort()).toEqual(["CANCELLED", "PAID"]);
    expect(orderLines.find((line) => line.includes(",PAID,"))).toMatch(/,PAID,Ada Attendee,.*,Standard,1,EUR,200\.00,40\.00,160\.00,FRIENDS20,/);
    expect((await exportRoute.GET(request("/api/admin/tickets/export", attendee), params({ conference: conferenceSlug }))).status).toBe(403);

    const revoked = await revokeRoute.POST(
      request(`/api/admin/tickets/registrations/${ticketId}/revoke`, organizer, { body: {} }),
      params({ conference: conferenceSlug, ticketId }),
    );
    expect(revoked.status).toBe(200);
    expect((await getViewer({ conferenceId, userId: attendee.id })).hasTicket).toBe(false);
    const { ticketTypes } = await (
      await typesRoute.GET(request("/api/admin/tickets/types", organizer), params({ conference: conferenceSlug }))
    ).json();
    expect(ticketTypes.find((t: { name: string }) => t.name === "Standard").sold).toBe(0);
  });

  it("generates unique codes in bulk and edits a ticket type", async () => {
    const { ticketTypes } = await (
      await typesRoute.GET(request("/api/admin/tickets/types", organizer), params({ conference: conferenceSlug }))
    ).json();
    const standard = ticketTypes[0];
    const response = await generateRoute.POST(
      request("/api/admin/tickets/codes/generate", organizer, {
        body: { count: 25, prefix: "press", kind: "COMP", maxRedemptions: 1, ticketTypeIds: [standard.id] },
      }),
      params({ conference: conferenceSlug }),
    );
    expect(response.status).toBe(201);
    const { codes } = await response.json();
    expect(codes).toHaveLength(25);
    expect(new Set(codes).size).toBe(25);
    for (const code of codes) expect(code).toMatch(/^PRESS-[A-HJKMNP-Z2-9]{8}$/);
    const scoped = await prisma.discountCode.findFirstOrThrow({ where: { conferenceId, code: codes[0] }, include: { ticketTypes: true } });
    expect(scoped.ticketTypes.map((t) => t.id)).toEqual([standard.id]);

    const usage = (
      await (await exportRoute.GET(request("/api/admin/tickets/export?kind=codes&q=press", organizer), params({ conference: conferenceSlug }))).text()
    )
      .trim()
      .split("\r\n");
    expect(usage[0]).toBe("code,kind,value,redemptions,max_redemptions,orders,valid_from,valid_until,once_per_attendee,ticket_types");
    expect(usage).toHaveLength(26);
    expect(usage[1]).toMatch(/^PRESS-\w{8},COMP,0,0,1,0,,,no,Standard$/);

    const patched = await typeRoute.PATCH(
      request(`/api/admin/tickets/types/${standard.id}`, organizer, { method: "PATCH", body: { priceCents: 25_000, active: false } }),
      params({ conference: conferenceSlug, id: standard.id }),
    );
    expect((await patched.json()).ticketType).toMatchObject({ priceCents: 25_000, active: false });
    const publicList = await (await ticketsRoute.GET(request("/api/tickets", anonymous), params({ conference: conferenceSlug }))).json();
    expect(publicList.ticketTypes).toHaveLength(0);
  });
});
