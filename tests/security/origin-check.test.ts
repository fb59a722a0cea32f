import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { allowedOrigins } from "@/lib/security/allowed-origins";
import { findOriginProblem } from "@/lib/security/check-request-origin";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import { createConference, createUser } from "../support/fixtures";
import * as codesRoute from "@/app/api/conferences/[conference]/admin/tickets/codes/route";
import * as paidRoute from "@/app/api/conferences/[conference]/admin/tickets/orders/[id]/paid/route";
import * as stripeRoute from "@/app/api/webhooks/stripe/route";
import * as authRoute from "@/app/api/auth/[...all]/route";

// Cross-site request forgery (issue 10): the reproduction was a cross-origin text/plain POST with
// the organizer's cookie creating a 100 %-off discount code. Real handlers, real sessions.
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

describe("the origin rule", () => {
  const allowed = ["http://localhost:3000", "http://127.0.0.1:3000", "http://localhost:3001"];
  it("lets reads through, and writes from our own pages or from no browser at all", () => {
    expect(findOriginProblem({ method: "GET", origin: "http://evil.example", secFetchSite: "cross-site", allowed })).toBeNull();
    expect(findOriginProblem({ method: "POST", origin: "http://127.0.0.1:3000", secFetchSite: "same-origin", allowed })).toBeNull();
    expect(findOriginProblem({ method: "POST", origin: "http://localhost:3001", secFetchSite: "same-site", allowed })).toBeNull();
    expect(findOriginProblem({ method: "POST", origin: null, secFetchSite: "same-origin", allowed })).toBeNull();
    expect(findOriginProblem({ method: "DELETE", origin: undefined, secFetchSite: undefined, allowed })).toBeNull(); // curl
  });

  it("refuses writes from any other origin, same-site ones included (another port, a sibling subdomain)", () => {
    for (const origin of ["http://evil.example", "http://localhost:4000", "https://localhost:3000", "http://a.localhost:3000", "null"]) {
      expect(findOriginProblem({ method: "POST", origin, secFetchSite: "same-site", allowed }), origin).toMatch(/not accepted/);
    }
    expect(findOriginProblem({ method: "PATCH", origin: null, secFetchSite: "cross-site", allowed })).toMatch(/another site/);
    expect(findOriginProblem({ method: "PUT", origin: null, secFetchSite: "same-site", allowed })).toMatch(/another site/);
  });

  it("allows the web app, the realtime server and their localhost/127.0.0.1 twins: one list", () => {
    const restore = overrideEnv({ PUBLIC_URL: "http://localhost:3000", REALTIME_PUBLIC_URL: "http://localhost:3001" });
    try {
      expect(allowedOrigins().sort()).toEqual(["http://127.0.0.1:3000", "http://127.0.0.1:3001", "http://localhost:3000", "http://localhost:3001"]);
    } finally {
      restore();
    }
    const restoreHttps = overrideEnv({ PUBLIC_URL: "https://conf.example.org", REALTIME_PUBLIC_URL: "https://conf.example.org" });
    try {
      expect(allowedOrigins()).toEqual(["https://conf.example.org"]);
    } finally {
      restoreHttps();
    }
  });
});

describe("state-changing web routes refuse other origins", () => {
  let conferenceId: string;
  let organizer: { id: string; cookie: string };
  let conferenceSlug: string;
  const body = JSON.stringify({ code: "FREE100", kind: "PERCENT", value: 100, oncePerAttendee: false, ticketTypeIds: [] });
  const post = (headers: Record<string, string>, payload = body) =>
    codesRoute.POST(
      new Request("http://localhost/api/admin/tickets/codes", { method: "POST", headers: { cookie: organizer.cookie, ...headers }, body: payload }),
      params({ conference: conferenceSlug }),
    );

  beforeAll(async () => {
    const fx = await createConference();
    conferenceId = fx.conference.id;
    conferenceSlug = fx.conference.slug;
    organizer = await createUser({ conferenceId, role: "ORGANIZER" });
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } }).catch(() => {});
  });

  it("a cross-origin text/plain post with the organizer's cookie creates no discount code (the reproduction)", async () => {
    for (const origin of ["http://evil.example", "http://localhost:9999"]) {
      const res = await post({ origin, "content-type": "text/plain;charset=UTF-8", "sec-fetch-site": "same-site" });
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/not accepted/);
    }
    const res = await post({ "content-type": "text/plain", "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    expect(await prisma.discountCode.count({ where: { conferenceId } })).toBe(0);
  });

  it("a JSON route wants application/json: 415 with a clear message, even from our own page", async () => {
    const res = await post({ origin: env.PUBLIC_URL, "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect((await res.json()).error).toMatchObject({ code: "UNSUPPORTED_MEDIA", message: expect.stringMatching(/application\/json.*text\/plain/) });
    expect(await prisma.discountCode.count({ where: { conferenceId } })).toBe(0);
  });

  it("our own page's JSON post goes through", async () => {
    const res = await post({ origin: env.PUBLIC_URL, "sec-fetch-site": "same-origin", "content-type": "application/json" });
    expect(res.status).toBe(201);
  });

  it("routes without a body are checked too (mark paid), and so is better-auth's", async () => {
    const paid = await paidRoute.POST(
      new Request("http://localhost/api/admin/tickets/orders/x/paid", {
        method: "POST",
        headers: { cookie: organizer.cookie, origin: "http://evil.example" },
      }),
      { params: Promise.resolve({ conference: conferenceSlug, id: "x" }) },
    );
    expect(paid.status).toBe(403);
    const signOut = await authRoute.POST(
      new Request(`${env.PUBLIC_URL}/api/auth/sign-out`, { method: "POST", headers: { cookie: organizer.cookie, origin: "http://evil.example" } }),
    );
    expect(signOut.status).toBe(403);
  });

  it("Stripe's webhook is exempt (signed, cross-origin by nature): it answers on the signature", async () => {
    const res = await stripeRoute.POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        headers: { origin: "https://stripe.example", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(res.status).not.toBe(403);
  });
});

describe("the realtime server's upload route refuses other origins", () => {
  let server: RealtimeServer;
  let talkId: string;
  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    talkId = (await createConference()).talks.webTalk.id;
  });
  afterAll(async () => {
    await server.close();
  });
  const upload = (origin: string) =>
    fetch(`http://127.0.0.1:${server.port}/media/talks/${talkId}/upload?type=video%2Fmp4`, {
      method: "POST",
      headers: { origin, "content-type": "text/plain" },
      body: "not a video",
    });

  it("403 from another origin (before anything is read or stored), on to the handler from the web app", async () => {
    const refused = await upload("http://localhost:9999");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    // From the web app the request reaches the handler, which wants a session.
    const ours = await upload(env.PUBLIC_URL);
    expect(ours.status).toBe(401);
  });
});
