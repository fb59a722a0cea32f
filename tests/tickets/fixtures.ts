import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db/client";

/** A conference of its own per test file, so files can share the test database. */
export async function createTestConference(): Promise<{ id: string; slug: string }> {
  const slug = `tickets-${randomUUID().slice(0, 8)}`;
  return prisma.conference.create({
    data: { slug, name: `Tickets ${slug}`, timeZone: "Europe/Berlin", startsOn: new Date("2027-03-01"), endsOn: new Date("2027-03-02") },
    select: { id: true, slug: true },
  });
}

/** Attendee accounts with confirmed addresses, inserted directly: signing up 200 people through better-auth tests nothing here. */
export async function createAttendees(count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => {
    const id = randomUUID();
    return { id, name: `Attendee ${i}`, email: `attendee-${id}@example.test`, emailVerified: true };
  });
  await prisma.user.createMany({ data: rows });
  return rows.map((row) => row.id);
}

export async function deleteConference(id: string): Promise<void> {
  await prisma.order.deleteMany({ where: { conferenceId: id } });
  await prisma.ticket.deleteMany({ where: { conferenceId: id } });
  await prisma.conference.delete({ where: { id } });
}
