import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { conferenceApiPath, conferencePath, conferenceSlugOfPath, ConferenceSlug } from "@/lib/conference/conference-path";
import { findDefaultConference } from "@/lib/conference/find-default-conference";
import { listConferences } from "@/lib/conference/list-conferences";
import { importIntoNewConference } from "@/lib/import/import-into-new-conference";
import { createConference, createUser, uid } from "../support/fixtures";
import * as ticketTypesRoute from "@/app/api/conferences/[conference]/admin/tickets/types/route";
import * as talksRoute from "@/app/api/conferences/[conference]/admin/schedule/talks/route";
import * as talkRoute from "@/app/api/conferences/[conference]/admin/schedule/talks/[talkId]/route";
import * as importRoute from "@/app/api/conferences/[conference]/admin/import/route";
import * as conferencesRoute from "@/app/api/conferences/route";
import * as ticketsRoute from "@/app/api/conferences/[conference]/tickets/route";

// Many conferences on one instance (issue 13): each is addressed by its slug, and an organizer's
// role holds in their own conference only. Real handlers, real sessions, a real database.

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../import/fixtures", name), "utf8");
const call = (method: string, url: string, cookie: string | null, body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const route = <P extends Record<string, string>>(params: P) => ({ params: Promise.resolve(params) });

describe("conference links", () => {
  it("builds page and API paths under the conference's slug", () => {
    expect(conferencePath("fosdem-2027")).toBe("/fosdem-2027");
    expect(conferencePath("fosdem-2027", "/talks/opening")).toBe("/fosdem-2027/talks/opening");
    expect(conferenceApiPath("fosdem-2027", "/admin/tickets/types")).toBe("/api/conferences/fosdem-2027/admin/tickets/types");
  });

  it("reads the conference from a page path, and not from a global page", () => {
    expect(conferenceSlugOfPath("/fosdem-2027/schedule")).toBe("fosdem-2027");
    expect(conferenceSlugOfPath("/fosdem-2027")).toBe("fosdem-2027");
    expect(conferenceSlugOfPath("/sign-in")).toBeNull();
    expect(conferenceSlugOfPath("/schedule")).toBeNull();
    expect(conferenceSlugOfPath("/")).toBeNull();
    expect(conferenceSlugOfPath("/favicon.ico")).toBeNull();
  });

  it("refuses slugs that are pages of Plenary, or not URL-safe", () => {
    for (const taken of ["admin", "schedule", "talks", "api", "sign-in", "calendar", "default-conference"]) {
      expect(ConferenceSlug.safeParse(taken).success, taken).toBe(false);
    }
    for (const bad of ["", "Upper", "-edge", "edge-", "with space", "a/b", "dot.ted", "x".repeat(65)]) {
      expect(ConferenceSlug.safeParse(bad).success, bad).toBe(false);
    }
    expect(ConferenceSlug.parse("plenary-summit-2025")).toBe("plenary-summit-2025");
  });
});

describe("the default conference (where old URLs lead)", () => {
  // Far in the future, so conferences other test files create meanwhile do not interfere.
  const day = (d: string) => new Date(`${d}T00:00:00Z`);
  const ids: string[] = [];
  let restoreEnv: (() => void) | undefined;
  const make = async (startsOn: string, endsOn: string) => {
    const c = await prisma.conference.create({
      data: { slug: `default-${uid()}`, name: "Edition", timeZone: "UTC", startsOn: day(startsOn), endsOn: day(endsOn) },
    });
    ids.push(c.id);
    return c;
  };
  afterAll(async () => {
    restoreEnv?.();
    await prisma.conference.deleteMany({ where: { id: { in: ids } } });
  });

  it("is the one running now, else the next to start, else the one that ended last; PLENARY_CONFERENCE wins", async () => {
    const past = await make("2490-03-01", "2490-03-02");
    const next = await make("2491-06-01", "2491-06-03");
    const later = await make("2491-09-01", "2491-09-02");
    const running = await make("2491-01-10", "2491-01-12");
    expect((await findDefaultConference({ now: new Date("2491-01-11T12:00:00Z") }))?.id).toBe(running.id);
    expect((await findDefaultConference({ now: new Date("2491-02-01T12:00:00Z") }))?.id).toBe(next.id);
    expect((await findDefaultConference({ now: new Date("2499-01-01T12:00:00Z") }))?.id).toBe(later.id);
    restoreEnv = overrideEnv({ PLENARY_CONFERENCE: past.slug });
    expect((await findDefaultConference({ now: new Date("2491-01-11T12:00:00Z") }))?.id).toBe(past.id);
  });

  it("lists running and upcoming conferences apart from past ones", async () => {
    const { upcoming, past } = await listConferences({ now: new Date("2491-05-01T12:00:00Z") });
    const upcomingYears = upcoming.filter((c) => ids.includes(c.id)).map((c) => c.startsOn.toISOString().slice(0, 10));
    const pastYears = past.filter((c) => ids.includes(c.id)).map((c) => c.startsOn.toISOString().slice(0, 10));
    expect(upcomingYears).toEqual(["2491-06-01", "2491-09-01"]);
    expect(pastYears).toEqual(["2491-01-10", "2490-03-01"]);
  });
});

describe("organizers hold their role in their own conference only", () => {
  let a: Awaited<ReturnType<typeof createConference>>;
  let b: Awaited<ReturnType<typeof createConference>>;
  let organizerOfA: { id: string; cookie: string };
  let organizerOfBoth: { id: string; cookie: string };
  beforeAll(async () => {
    a = await createConference();
    b = await createConference();
    organizerOfA = await createUser({ conferenceId: a.conference.id, role: "ORGANIZER" });
    organizerOfBoth = await createUser({ conferenceId: a.conference.id, role: "ORGANIZER" });
    await prisma.membership.create({ data: { userId: organizerOfBoth.id, conferenceId: b.conference.id, role: "ORGANIZER" } });
  });
  afterAll(async () => {
    await prisma.conference.deleteMany({ where: { id: { in: [a.conference.id, b.conference.id] } } });
    await prisma.user.deleteMany({ where: { id: { in: [organizerOfA.id, organizerOfBoth.id] } } });
  });

  it("an organizer of A cannot read B's admin API", async () => {
    const own = await ticketTypesRoute.GET(call("GET", "/", organizerOfA.cookie), route({ conference: a.conference.slug }));
    expect(own.status).toBe(200);
    const other = await ticketTypesRoute.GET(call("GET", "/", organizerOfA.cookie), route({ conference: b.conference.slug }));
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe("FORBIDDEN");
  });

  it("an organizer of A cannot change B's schedule, neither through B's URL nor by naming B's talk under A", async () => {
    const body = {
      title: "Hijacked",
      abstract: "",
      kind: "TALK",
      stageId: b.stages.main.id,
      startsAt: "2030-01-01T10:00:00Z",
      endsAt: "2030-01-01T10:30:00Z",
      speakerIds: [],
    };
    const created = await talksRoute.POST(call("POST", "/", organizerOfA.cookie, body), route({ conference: b.conference.slug }));
    expect(created.status).toBe(403);

    const talkId = b.talks.keynote.id;
    const renamed = await talkRoute.PATCH(
      call("PATCH", "/", organizerOfA.cookie, { title: "Hijacked" }),
      route({ conference: b.conference.slug, talkId }),
    );
    expect(renamed.status).toBe(403);
    // Under A's own URL, B's talk does not exist.
    const crossed = await talkRoute.PATCH(
      call("PATCH", "/", organizerOfA.cookie, { title: "Hijacked" }),
      route({ conference: a.conference.slug, talkId }),
    );
    expect(crossed.status).toBe(404);
    const deleted = await talkRoute.DELETE(call("DELETE", "/", organizerOfA.cookie), route({ conference: a.conference.slug, talkId }));
    expect(deleted.status).toBe(404);
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: talkId } })).title).toBe(b.talks.keynote.title);
  });

  it("an organizer of both manages each under its own URL", async () => {
    for (const c of [a, b]) {
      const answer = await talkRoute.PATCH(
        call("PATCH", "/", organizerOfBoth.cookie, { title: `Renamed in ${c.conference.slug}` }),
        route({ conference: c.conference.slug, talkId: c.talks.webTalk.id }),
      );
      expect(answer.status).toBe(200);
    }
    expect((await prisma.talk.findUniqueOrThrow({ where: { id: b.talks.webTalk.id } })).title).toBe(`Renamed in ${b.conference.slug}`);
  });

  it("cannot import into B, and an unknown conference is 404, not a default", async () => {
    const input = { source: fixture("frab-schedule.xml") };
    const refused = await importRoute.POST(call("POST", "/", organizerOfA.cookie, input), route({ conference: b.conference.slug }));
    expect(refused.status).toBe(403);
    expect(await prisma.talk.count({ where: { conferenceId: b.conference.id } })).toBe(3);

    const unknown = await importRoute.POST(call("POST", "/", organizerOfA.cookie, input), route({ conference: `nowhere-${uid()}` }));
    expect(unknown.status).toBe(404);
    const malformed = await ticketsRoute.GET(call("GET", "/", null), route({ conference: "Not A Slug" }));
    expect(malformed.status).toBe(404);
  });
});

describe("importing an event into a new conference", () => {
  let organizer: { id: string; cookie: string };
  let attendee: { id: string; cookie: string };
  let home: Awaited<ReturnType<typeof createConference>>;
  const created: string[] = [];
  beforeAll(async () => {
    home = await createConference();
    organizer = await createUser({ conferenceId: home.conference.id, role: "ORGANIZER" });
    attendee = await createUser({});
  });
  afterAll(async () => {
    await prisma.conference.deleteMany({ where: { id: { in: [home.conference.id, ...created] } } });
    await prisma.user.deleteMany({ where: { id: { in: [organizer.id, attendee.id] } } });
  });

  it("creates one conference per event, named after it, organized by the importer; nothing merges", async () => {
    const pretalx = await conferencesRoute.POST(call("POST", "/api/conferences", organizer.cookie, { source: fixture("pretalx-schedule.json") }));
    expect(pretalx.status).toBe(201);
    const first = await pretalx.json();
    created.push(first.conference.id);
    expect(first.conference).toMatchObject({ name: "PlenConf 2026" });
    expect(first.conference.slug).toMatch(/^plenconf-2026(-\d+)?$/);

    const frab = await conferencesRoute.POST(call("POST", "/api/conferences", organizer.cookie, { source: fixture("frab-schedule.xml") }));
    expect(frab.status).toBe(201);
    const second = await frab.json();
    created.push(second.conference.id);
    expect(second.conference.name).toBe("Frab Camp 2026");
    expect(second.conference.id).not.toBe(first.conference.id);

    const [one, two] = await Promise.all(
      [first, second].map((r) =>
        prisma.conference.findUniqueOrThrow({
          where: { id: r.conference.id },
          include: { _count: { select: { talks: true } }, memberships: { select: { userId: true, role: true } } },
        }),
      ),
    );
    expect(one!.timeZone).toBe("Europe/Berlin");
    expect(one!.startsOn.toISOString().slice(0, 10)).toBe("2026-06-01");
    expect(two!.timeZone).toBe("Europe/Amsterdam");
    expect(one!._count.talks).toBe(first.talks.created);
    expect(two!._count.talks).toBe(second.talks.created);
    expect(one!.memberships).toEqual([{ userId: organizer.id, role: "ORGANIZER" }]);
    expect(two!.memberships).toEqual([{ userId: organizer.id, role: "ORGANIZER" }]);
    // The conference the organizer came from is untouched.
    expect(await prisma.talk.count({ where: { conferenceId: home.conference.id } })).toBe(3);
  });

  it("gives the same event a free slug the second time, and refuses a slug that is taken or reserved", async () => {
    const again = await importIntoNewConference({ userId: organizer.id, input: { source: fixture("frab-schedule.xml") } });
    created.push(again.conference.id);
    expect(again.conference.slug).toMatch(/^fcamp26-\d+$/);

    const taken = await conferencesRoute.POST(
      call("POST", "/api/conferences", organizer.cookie, { source: fixture("frab-schedule.xml"), slug: again.conference.slug }),
    );
    expect(taken.status).toBe(409);
    const reserved = await conferencesRoute.POST(
      call("POST", "/api/conferences", organizer.cookie, { source: fixture("frab-schedule.xml"), slug: "admin" }),
    );
    expect(reserved.status).toBe(400);
    expect((await reserved.json()).error.fields.slug).toBeDefined();

    const named = await importIntoNewConference({
      userId: organizer.id,
      input: { source: fixture("frab-schedule.xml"), name: "Camp, our edition", slug: `camp-${uid()}` },
    });
    created.push(named.conference.id);
    expect(named.conference.name).toBe("Camp, our edition");
  });

  it("is for organizers only, and a broken export leaves no conference behind", async () => {
    // Counted among the importer's conferences: other test files create conferences meanwhile.
    const mine = () => prisma.conference.count({ where: { memberships: { some: { userId: organizer.id } } } });
    const before = await mine();
    const stranger = await conferencesRoute.POST(call("POST", "/api/conferences", attendee.cookie, { source: fixture("frab-schedule.xml") }));
    expect(stranger.status).toBe(403);
    const anonymous = await conferencesRoute.POST(call("POST", "/api/conferences", null, { source: fixture("frab-schedule.xml") }));
    expect(anonymous.status).toBe(401);
    const broken = await conferencesRoute.POST(call("POST", "/api/conferences", organizer.cookie, { source: "<schedule><conference/></schedule>" }));
    expect(broken.status).toBe(400);
    expect(await mine()).toBe(before);
  });
});
