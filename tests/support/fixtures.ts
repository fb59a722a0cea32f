import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { auth } from "@/lib/auth/auth";
import type { Role } from "@/lib/db/generated/enums";

export const uid = () => randomBytes(5).toString("hex");

/** A small conference of its own for one test file: two stages, one track, three talks. */
export async function createConference(options: { timeZone?: string; startsAt?: Date } = {}) {
  const id = uid();
  const timeZone = options.timeZone ?? "Europe/Berlin";
  const start = options.startsAt ?? new Date(Math.floor(Date.now() / 60_000) * 60_000 + 60 * 60_000);
  const conference = await prisma.conference.create({
    data: { slug: `conf-${id}`, name: `Test conference ${id}`, timeZone, startsOn: start, endsOn: start },
  });
  const main = await prisma.stage.create({ data: { conferenceId: conference.id, slug: "main", name: "Main", position: 0 } });
  const side = await prisma.stage.create({ data: { conferenceId: conference.id, slug: "side", name: "Side", position: 1 } });
  const track = await prisma.track.create({ data: { conferenceId: conference.id, slug: "web", name: "Web" } });
  const talk = (slug: string, offsetMin: number, minutes: number, extra: Record<string, unknown> = {}) =>
    prisma.talk.create({
      data: {
        conferenceId: conference.id,
        slug,
        title: `Talk ${slug}`,
        startsAt: new Date(start.getTime() + offsetMin * 60_000),
        endsAt: new Date(start.getTime() + (offsetMin + minutes) * 60_000),
        stageId: main.id,
        streamKey: `key-${uid()}-${slug}`,
        ...extra,
      },
    });
  const keynote = await talk("keynote", 0, 45, { kind: "KEYNOTE", isPublic: true });
  const webTalk = await talk("web-talk", 60, 30, { trackId: track.id });
  const sideTalk = await talk("side-talk", 60, 30, { stageId: side.id });
  return { conference, stages: { main, side }, track, talks: { keynote, webTalk, sideTalk } };
}

/**
 * A real account (signed up through better-auth) with its session cookie. Its address is marked
 * confirmed in the database unless `verified: false`: speaker profiles and tickets need that, and
 * these tests are not about mail (tests/mail follows the mailed link instead).
 */
export async function createUser(options: { conferenceId?: string; role?: Role; ticket?: boolean; name?: string; verified?: boolean } = {}) {
  const email = `user-${uid()}@example.test`;
  const response = await auth.api.signUpEmail({
    body: { email, password: "correct-horse-battery", name: options.name ?? "Test User" },
    asResponse: true,
  });
  if (!response.ok) throw new Error(`sign up failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string } };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (options.verified !== false) await prisma.user.update({ where: { id: body.user.id }, data: { emailVerified: true } });
  if (options.conferenceId && options.role) {
    await prisma.membership.create({ data: { userId: body.user.id, conferenceId: options.conferenceId, role: options.role } });
  }
  if (options.conferenceId && options.ticket) await giveTicket({ userId: body.user.id, conferenceId: options.conferenceId });
  return { id: body.user.id, email, cookie };
}

export async function giveTicket(options: { userId: string; conferenceId: string }) {
  const type = await prisma.ticketType.create({ data: { conferenceId: options.conferenceId, name: `Type ${uid()}`, priceCents: 0 } });
  const order = await prisma.order.create({
    data: {
      conferenceId: options.conferenceId,
      userId: options.userId,
      ticketTypeId: type.id,
      status: "PAID",
      subtotalCents: 0,
      totalCents: 0,
      currency: "EUR",
    },
  });
  return prisma.ticket.create({ data: { conferenceId: options.conferenceId, orderId: order.id, ticketTypeId: type.id, userId: options.userId } });
}
