import { describe, expect, it, beforeAll } from "vitest";
import { can } from "@/lib/permissions/can";
import { assertCan, getViewer } from "@/lib/permissions/get-viewer";
import { prisma } from "@/lib/db/client";
import { createConference, createUser } from "../support/fixtures";

describe("permissions, decided on the server from the database", () => {
  let fx: Awaited<ReturnType<typeof createConference>>;
  const ref = (t: { id: string; conferenceId: string; isPublic: boolean }) => ({ id: t.id, conferenceId: t.conferenceId, isPublic: t.isPublic });
  beforeAll(async () => {
    fx = await createConference();
  });

  it("an anonymous visitor may watch a public talk but not a ticketed one, and may not chat", async () => {
    const viewer = await getViewer({ conferenceId: fx.conference.id, userId: null });
    expect(can(viewer, "talk:watch", ref(fx.talks.keynote))).toBe(true);
    expect(can(viewer, "talk:watch", ref(fx.talks.webTalk))).toBe(false);
    expect(can(viewer, "talk:chat", ref(fx.talks.keynote))).toBe(false);
    expect(() => assertCan(viewer, "talk:watch", ref(fx.talks.webTalk))).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });

  it("an account without a ticket is asked for one; a ticket holder watches and chats", async () => {
    const noTicket = await createUser();
    const holder = await createUser({ conferenceId: fx.conference.id, ticket: true });
    const v1 = await getViewer({ conferenceId: fx.conference.id, userId: noTicket.id });
    const v2 = await getViewer({ conferenceId: fx.conference.id, userId: holder.id });
    expect(() => assertCan(v1, "talk:watch", ref(fx.talks.webTalk))).toThrow(expect.objectContaining({ code: "PAYMENT_REQUIRED" }));
    expect(can(v2, "talk:watch", ref(fx.talks.webTalk))).toBe(true);
    expect(can(v2, "talk:chat", ref(fx.talks.webTalk))).toBe(true);
    expect(can(v2, "talk:broadcast", ref(fx.talks.webTalk))).toBe(false);
    expect(can(v2, "conference:organize")).toBe(false);
  });

  it("a revoked ticket no longer admits", async () => {
    const holder = await createUser({ conferenceId: fx.conference.id, ticket: true });
    await prisma.ticket.updateMany({ where: { userId: holder.id }, data: { status: "REVOKED" } });
    const viewer = await getViewer({ conferenceId: fx.conference.id, userId: holder.id });
    expect(can(viewer, "talk:watch", ref(fx.talks.webTalk))).toBe(false);
  });

  it("a speaker broadcasts and moderates only their own talk; an organizer everywhere", async () => {
    const speakerUser = await createUser({ conferenceId: fx.conference.id, role: "SPEAKER" });
    const speaker = await prisma.speaker.create({
      data: { conferenceId: fx.conference.id, slug: `s-${speakerUser.id}`, name: "S", userId: speakerUser.id },
    });
    await prisma.talkSpeaker.create({ data: { talkId: fx.talks.webTalk.id, speakerId: speaker.id } });
    const organizer = await createUser({ conferenceId: fx.conference.id, role: "ORGANIZER" });
    const vs = await getViewer({ conferenceId: fx.conference.id, userId: speakerUser.id });
    const vo = await getViewer({ conferenceId: fx.conference.id, userId: organizer.id });
    expect(can(vs, "talk:broadcast", ref(fx.talks.webTalk))).toBe(true);
    expect(can(vs, "talk:broadcast", ref(fx.talks.sideTalk))).toBe(false);
    expect(can(vs, "talk:moderate", ref(fx.talks.sideTalk))).toBe(false);
    expect(can(vs, "conference:organize")).toBe(false);
    expect(can(vo, "talk:broadcast", ref(fx.talks.sideTalk))).toBe(true);
    expect(can(vo, "conference:organize")).toBe(true);
  });

  it("roles do not leak across conferences", async () => {
    const other = await createConference();
    const organizer = await createUser({ conferenceId: other.conference.id, role: "ORGANIZER" });
    const viewer = await getViewer({ conferenceId: fx.conference.id, userId: organizer.id });
    expect(can(viewer, "conference:organize")).toBe(false);
    const there = await getViewer({ conferenceId: other.conference.id, userId: organizer.id });
    expect(can(there, "talk:broadcast", ref(fx.talks.webTalk))).toBe(false);
  });
});
