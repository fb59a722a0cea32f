/**
 * Demo conference for `npm start`: two days, two stages, keynotes, 14 talks, 8 speakers, placed
 * around the moment it is first seeded so something is live or up next. Runs on every start and
 * only seeds once; if the demo's schedule has slipped entirely into the past, it is moved forward
 * by whole days so the demo stays alive.
 */
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { auth } from "@/lib/auth/auth";
import { dayKey, zonedTimeToInstant } from "@/lib/schedule/time-zones";

export const DEMO_SLUG = "plenary-summit";
/** Last year's edition: the home page lists a past conference beside the current one. */
export const PAST_DEMO_SLUG = "plenary-summit-2025";
export const DEMO_PASSWORD = "plenary-demo-2026";
export const DEMO_ACCOUNTS = {
  organizer: { email: "organizer@plenary.dev", name: "Olivia Organizer" },
  speaker: { email: "speaker@plenary.dev", name: "Sam Speaker" },
  attendee: { email: "attendee@plenary.dev", name: "Alex Attendee" },
} as const;

// The demo's home zone is chosen where it is early afternoon when seeded, so day one's talks
// (placed around "now") fall on one conference day wherever and whenever someone starts Plenary.
const DEMO_ZONES = [
  "Pacific/Honolulu",
  "America/Los_Angeles",
  "America/New_York",
  "America/Sao_Paulo",
  "Europe/Berlin",
  "Asia/Kolkata",
  "Asia/Tokyo",
  "Pacific/Auckland",
];
function demoZone(anchor: Date): string {
  const hour = (zone: string) => Number(new Intl.DateTimeFormat("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }).format(anchor));
  return DEMO_ZONES.reduce((best, zone) => (Math.abs(hour(zone) - 13) < Math.abs(hour(best) - 13) ? zone : best));
}
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const speakers = [
  { slug: "sam-speaker", name: "Sam Speaker", headline: "Staff engineer, Streamline", account: "speaker" as const },
  { slug: "amara-okafor", name: "Amara Okafor", headline: "Principal engineer, Lagos Labs" },
  { slug: "lena-fischer", name: "Lena Fischer", headline: "Browser engineer" },
  { slug: "diego-martinez", name: "Diego Martínez", headline: "Video infrastructure lead, Ondas" },
  { slug: "mei-chen", name: "Mei Chen", headline: "Design systems, Paperkite" },
  { slug: "tomasz-nowak", name: "Tomasz Nowak", headline: "PostgreSQL contributor" },
  { slug: "priya-raman", name: "Priya Raman", headline: "Accessibility consultant" },
  { slug: "jonas-berg", name: "Jonas Berg", headline: "Community organizer, Nordic JS" },
];

type Seat = {
  slug: string;
  title: string;
  kind: "KEYNOTE" | "TALK" | "PANEL" | "WORKSHOP";
  stage: "main" | "studio";
  track: string;
  speakers: string[];
  minutes: number;
  abstract: string;
  isPublic?: boolean;
};

function talksAround(anchor: Date, zone: string): (Seat & { startsAt: Date })[] {
  const at = (offsetMin: number) => new Date(anchor.getTime() + offsetMin * MIN);
  const dayTwo = dayKey(new Date(anchor.getTime() + DAY), zone);
  const d2 = (time: string) => zonedTimeToInstant(dayTwo, time, zone);
  return [
    {
      startsAt: at(-60),
      slug: "opening-keynote",
      title: "Opening keynote: Conferences without distance",
      kind: "KEYNOTE",
      stage: "main",
      track: "community",
      speakers: ["amara-okafor"],
      minutes: 50,
      isPublic: true,
      abstract: "Why the best online conferences feel like a hallway, not a webinar — and what we built to get there.",
    },
    {
      startsAt: at(0),
      slug: "live-video-at-the-edge",
      title: "Live video at the edge, seconds not minutes",
      kind: "TALK",
      stage: "main",
      track: "infrastructure",
      speakers: ["sam-speaker"],
      minutes: 45,
      abstract: "HLS, low-latency tricks and why a replay should exist the second a talk ends.",
    },
    {
      startsAt: at(60),
      slug: "postgres-is-your-queue",
      title: "Postgres is your queue (until it is not)",
      kind: "TALK",
      stage: "main",
      track: "infrastructure",
      speakers: ["tomasz-nowak"],
      minutes: 45,
      abstract: "SKIP LOCKED, LISTEN/NOTIFY and the day we needed something else.",
    },
    {
      startsAt: at(120),
      slug: "panel-hybrid-events",
      title: "Panel: What hybrid events got wrong",
      kind: "PANEL",
      stage: "main",
      track: "community",
      speakers: ["jonas-berg", "amara-okafor", "mei-chen"],
      minutes: 55,
      abstract: "Organizers compare notes on engagement, chat and the timezone problem.",
    },
    {
      startsAt: at(-30),
      slug: "accessible-video-players",
      title: "Workshop: Building an accessible video player",
      kind: "WORKSHOP",
      stage: "studio",
      track: "frontend",
      speakers: ["priya-raman", "lena-fischer"],
      minutes: 90,
      abstract: "Keyboard shortcuts, captions and focus management, hands-on.",
    },
    {
      startsAt: at(75),
      slug: "design-tokens-in-practice",
      title: "Design tokens in practice",
      kind: "TALK",
      stage: "studio",
      track: "frontend",
      speakers: ["mei-chen"],
      minutes: 40,
      abstract: "One source of truth from Figma to CSS without losing your mind.",
    },
    {
      startsAt: at(135),
      slug: "webrtc-vs-hls",
      title: "WebRTC vs HLS for conference talks",
      kind: "TALK",
      stage: "studio",
      track: "infrastructure",
      speakers: ["diego-martinez"],
      minutes: 40,
      abstract: "Latency, scale and cost measured on real events.",
    },
    {
      startsAt: d2("09:00"),
      slug: "day-two-keynote",
      title: "Keynote: The browser is the studio",
      kind: "KEYNOTE",
      stage: "main",
      track: "platform",
      speakers: ["lena-fischer"],
      minutes: 50,
      isPublic: true,
      abstract: "MediaRecorder, screen capture and what the web platform can do for speakers today.",
    },
    {
      startsAt: d2("10:00"),
      slug: "realtime-chat-at-scale",
      title: "Realtime chat for 10,000 viewers on one box",
      kind: "TALK",
      stage: "main",
      track: "platform",
      speakers: ["sam-speaker", "mei-chen"],
      minutes: 45,
      abstract: "Batching, backpressure and what socket.io can really do.",
    },
    {
      startsAt: d2("11:00"),
      slug: "schedules-and-time-zones",
      title: "Schedules and time zones: a field guide",
      kind: "TALK",
      stage: "main",
      track: "platform",
      speakers: ["tomasz-nowak"],
      minutes: 45,
      abstract: "DST gaps, overlaps and why you store instants.",
    },
    {
      startsAt: d2("13:00"),
      slug: "panel-open-source-events",
      title: "Panel: Running events on open source",
      kind: "PANEL",
      stage: "main",
      track: "community",
      speakers: ["jonas-berg", "priya-raman"],
      minutes: 55,
      abstract: "Self-hosting, budgets and the volunteers who make it work.",
    },
    {
      startsAt: d2("16:00"),
      slug: "closing-keynote",
      title: "Closing keynote: See you in the hallway",
      kind: "KEYNOTE",
      stage: "main",
      track: "community",
      speakers: ["amara-okafor"],
      minutes: 40,
      abstract: "What we learned this year and where Plenary goes next.",
    },
    {
      startsAt: d2("10:00"),
      slug: "workshop-obs-for-speakers",
      title: "Workshop: OBS for speakers",
      kind: "WORKSHOP",
      stage: "studio",
      track: "platform",
      speakers: ["diego-martinez"],
      minutes: 90,
      abstract: "Scenes, audio and a clean stream to any RTMP ingest.",
    },
    {
      startsAt: d2("14:00"),
      slug: "motion-with-restraint",
      title: "Motion with restraint",
      kind: "TALK",
      stage: "studio",
      track: "frontend",
      speakers: ["mei-chen"],
      minutes: 40,
      abstract: "Animation that helps, and prefers-reduced-motion that respects.",
    },
  ];
}

/** A demo account with a confirmed address, created without mailing anyone (sign-up would). */
async function ensureAccount(email: string, name: string): Promise<string> {
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) return existing.id;
  const context = await auth.$context;
  const user = await context.internalAdapter.createUser({ email, name, emailVerified: true }, { method: "email-password" });
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: await context.password.hash(DEMO_PASSWORD),
  });
  return user.id;
}

/** Moves the demo forward by whole days when all of it is in the past. */
async function keepDemoCurrent(conferenceId: string, now: Date) {
  const last = await prisma.talk.findFirst({ where: { conferenceId }, orderBy: { endsAt: "desc" }, select: { endsAt: true } });
  const first = await prisma.talk.findFirst({ where: { conferenceId }, orderBy: { startsAt: "asc" }, select: { startsAt: true } });
  if (!last || !first || last.endsAt > now) return false;
  const days = Math.ceil((now.getTime() - first.startsAt.getTime()) / DAY);
  const shift = `${days} days`;
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE "Talk" SET "startsAt" = "startsAt" + ${shift}::interval, "endsAt" = "endsAt" + ${shift}::interval, "status" = 'SCHEDULED' WHERE "conferenceId" = ${conferenceId} AND "status" <> 'LIVE'`,
    prisma.$executeRaw`UPDATE "Conference" SET "startsOn" = "startsOn" + ${days}::int, "endsOn" = "endsOn" + ${days}::int WHERE "id" = ${conferenceId}`,
  ]);
  return true;
}

export async function seedDemo(now = new Date()): Promise<{ created: boolean }> {
  // Demo accounts seeded before addresses were confirmed: they are confirmed by definition.
  await prisma.user.updateMany({ where: { email: { in: Object.values(DEMO_ACCOUNTS).map((a) => a.email) } }, data: { emailVerified: true } });
  const existing = await prisma.conference.findUnique({ where: { slug: DEMO_SLUG } });
  if (existing) {
    if (await keepDemoCurrent(existing.id, now)) console.log("Moved the demo schedule forward to today.");
    return { created: false };
  }
  const anchor = new Date(Math.floor(now.getTime() / (30 * MIN)) * 30 * MIN);
  const zone = demoZone(anchor);
  const talks = talksAround(anchor, zone);
  const starts = talks.map((t) => t.startsAt.getTime());
  const ends = talks.map((t) => t.startsAt.getTime() + t.minutes * MIN);

  const organizerId = await ensureAccount(DEMO_ACCOUNTS.organizer.email, DEMO_ACCOUNTS.organizer.name);
  const speakerId = await ensureAccount(DEMO_ACCOUNTS.speaker.email, DEMO_ACCOUNTS.speaker.name);
  const attendeeId = await ensureAccount(DEMO_ACCOUNTS.attendee.email, DEMO_ACCOUNTS.attendee.name);

  await prisma.$transaction(async (tx) => {
    const conference = await tx.conference.create({
      data: {
        slug: DEMO_SLUG,
        name: "Plenary Summit",
        tagline: "Two days on building live, humane online events",
        description: "Talks, workshops and panels on video, realtime systems and the web platform — live, with a hallway that never closes.",
        timeZone: zone,
        startsOn: new Date(`${dayKey(new Date(Math.min(...starts)), zone)}T00:00:00Z`),
        endsOn: new Date(`${dayKey(new Date(Math.max(...ends)), zone)}T00:00:00Z`),
        currency: "EUR",
      },
    });
    const stages = {
      main: await tx.stage.create({ data: { conferenceId: conference.id, slug: "main-stage", name: "Main Stage", position: 0 } }),
      studio: await tx.stage.create({ data: { conferenceId: conference.id, slug: "studio-b", name: "Studio B", position: 1 } }),
    };
    const trackRows = new Map<string, string>();
    for (const [slug, name, color] of [
      ["platform", "Platform", "#6366f1"],
      ["frontend", "Frontend", "#ec4899"],
      ["infrastructure", "Infrastructure", "#0ea5e9"],
      ["community", "Community", "#10b981"],
    ] as const) {
      const t = await tx.track.create({ data: { conferenceId: conference.id, slug, name, color } });
      trackRows.set(slug, t.id);
    }
    const speakerRows = new Map<string, string>();
    for (const s of speakers) {
      const row = await tx.speaker.create({
        data: {
          conferenceId: conference.id,
          slug: s.slug,
          name: s.name,
          headline: s.headline,
          bio: `${s.name} is ${s.headline.toLowerCase()}. They speak about building software for people who gather online.`,
          userId: s.account === "speaker" ? speakerId : null,
          accountEmail: s.account === "speaker" ? DEMO_ACCOUNTS.speaker.email : null,
          links: [{ label: "Website", url: `https://example.com/${s.slug}` }],
        },
      });
      speakerRows.set(s.slug, row.id);
    }
    for (const t of talks) {
      await tx.talk.create({
        data: {
          conferenceId: conference.id,
          slug: t.slug,
          title: t.title,
          abstract: t.abstract,
          kind: t.kind,
          startsAt: t.startsAt,
          endsAt: new Date(t.startsAt.getTime() + t.minutes * MIN),
          stageId: stages[t.stage].id,
          trackId: trackRows.get(t.track) ?? null,
          isPublic: t.isPublic ?? false,
          streamKey: randomBytes(18).toString("base64url"),
          speakers: { create: t.speakers.map((slug, position) => ({ speakerId: speakerRows.get(slug)!, position })) },
        },
      });
    }
    await tx.membership.createMany({
      data: [
        { userId: organizerId, conferenceId: conference.id, role: "ORGANIZER" },
        { userId: speakerId, conferenceId: conference.id, role: "SPEAKER" },
        { userId: attendeeId, conferenceId: conference.id, role: "ATTENDEE" },
      ],
    });
    const general = await tx.ticketType.create({
      data: {
        conferenceId: conference.id,
        name: "General admission",
        description: "All talks, chat and recordings.",
        priceCents: 14900,
        currency: "EUR",
        quota: 500,
        sold: 1,
      },
    });
    await tx.ticketType.create({
      data: {
        conferenceId: conference.id,
        name: "Community",
        description: "For students and community members.",
        priceCents: 0,
        currency: "EUR",
        quota: 100,
      },
    });
    await tx.discountCode.create({ data: { conferenceId: conference.id, code: "EARLYBIRD", kind: "PERCENT", value: 20, maxRedemptions: 100 } });
    const order = await tx.order.create({
      data: {
        conferenceId: conference.id,
        userId: attendeeId,
        ticketTypeId: general.id,
        status: "PAID",
        subtotalCents: 14900,
        totalCents: 14900,
        currency: "EUR",
        paidAt: now,
      },
    });
    await tx.ticket.create({ data: { conferenceId: conference.id, orderId: order.id, ticketTypeId: general.id, userId: attendeeId } });
  });
  await seedPastEdition(now, organizerId);
  return { created: true };
}

/** A one-day edition a year before the demo, over and public: browsable, nothing to buy. */
async function seedPastEdition(now: Date, organizerId: string) {
  if (await prisma.conference.findUnique({ where: { slug: PAST_DEMO_SLUG }, select: { id: true } })) return;
  const zone = "Europe/Berlin";
  const day = dayKey(new Date(now.getTime() - 365 * DAY), zone);
  const at = (time: string) => zonedTimeToInstant(day, time, zone);
  await prisma.$transaction(async (tx) => {
    const conference = await tx.conference.create({
      data: {
        slug: PAST_DEMO_SLUG,
        name: "Plenary Summit 2025",
        tagline: "The first Plenary Summit: one day on running events online",
        description: "Where it started: one stage, one day, and a hallway full of people who run conferences.",
        timeZone: zone,
        startsOn: new Date(`${day}T00:00:00Z`),
        endsOn: new Date(`${day}T00:00:00Z`),
        currency: "EUR",
        memberships: { create: { userId: organizerId, role: "ORGANIZER" } },
      },
    });
    const stage = await tx.stage.create({ data: { conferenceId: conference.id, slug: "main-stage", name: "Main Stage", position: 0 } });
    const speaker = await tx.speaker.create({
      data: {
        conferenceId: conference.id,
        slug: "jonas-berg",
        name: "Jonas Berg",
        headline: "Community organizer, Nordic JS",
        bio: "Jonas runs community events.",
      },
    });
    const sessions = [
      { slug: "why-online-events", title: "Why online events", kind: "KEYNOTE" as const, start: "10:00", end: "10:45" },
      { slug: "hallways-that-work", title: "Hallways that work", kind: "TALK" as const, start: "11:00", end: "11:30" },
      { slug: "lessons-from-year-one", title: "Lessons from year one", kind: "TALK" as const, start: "14:00", end: "14:30" },
    ];
    for (const t of sessions) {
      await tx.talk.create({
        data: {
          conferenceId: conference.id,
          slug: t.slug,
          title: t.title,
          abstract: `${t.title}: a talk from the first Plenary Summit.`,
          kind: t.kind,
          startsAt: at(t.start),
          endsAt: at(t.end),
          stageId: stage.id,
          isPublic: true,
          status: "ENDED",
          streamKey: randomBytes(18).toString("base64url"),
          speakers: { create: [{ speakerId: speaker.id, position: 0 }] },
        },
      });
    }
  });
}

// Run directly (`tsx prisma/seed.ts`, `prisma db seed`).
if (import.meta.url === `file://${process.argv[1]}`) {
  seedDemo()
    .then(({ created }) => {
      console.log(created ? "Seeded the demo conference." : "Demo conference already present.");
      process.exit(0);
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
