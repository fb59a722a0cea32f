import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { can } from "@/lib/permissions/can";
import { getViewer } from "@/lib/permissions/get-viewer";
import { createSpeaker } from "@/lib/schedule-editor/create-speaker";
import { checkOut } from "@/lib/tickets/check-out";
import { CheckoutInput } from "@/lib/tickets/schemas";
import { createConference, uid } from "../support/fixtures";
import { linkIn, startSmtpInbox } from "../support/smtp-inbox";

// Speaker profiles are matched to accounts by address. Before confirmation anyone could sign up
// with a speaker's address and get the talk's stream key; now the address has to be proven with
// the mailed link, sent through real SMTP.
describe("address confirmation by mail (real SMTP)", () => {
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let restoreEnv: () => void;
  beforeAll(async () => {
    inbox = await startSmtpInbox();
    restoreEnv = overrideEnv({ SMTP_URL: inbox.url, MAIL_FROM: "Plenary Summit <hello@plenary.test>" });
  });
  afterAll(async () => {
    restoreEnv();
    await inbox.close();
  });

  it("sign-up mails a confirmation link; only the confirmed account gets the speaker profile, its stream key and a ticket", async () => {
    const { conference, talks } = await createConference();
    const email = `speaker-${uid()}@example.test`;
    // The organizer invites the speaker by address before they have an account.
    const { speaker } = await createSpeaker({ conferenceId: conference.id, input: { name: "Invited Speaker", accountEmail: email } });
    await prisma.talkSpeaker.create({ data: { talkId: talks.webTalk.id, speakerId: speaker.id } });
    const freeType = await prisma.ticketType.create({ data: { conferenceId: conference.id, name: "Free", priceCents: 0 } });
    const talkRef = { id: talks.webTalk.id, conferenceId: conference.id, isPublic: false };

    const signUp = await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery", name: "Ines Invited" }, asResponse: true });
    expect(signUp.status).toBe(200);
    const userId = ((await signUp.json()) as { user: { id: string } }).user.id;

    const mail = await inbox.waitForMail({ to: email, subject: /Confirm your email address/ });
    expect(mail.from).toBe("hello@plenary.test");
    // Signed up without saying where from: the mail speaks for the instance, not for some conference.
    expect(mail.subject).toBe("Confirm your email address for Plenary");
    const link = linkIn(mail, "http://localhost:3000/api/auth/verify-email?token=");
    expect(mail.html).toContain("Confirm my address");

    // Signed in, but not trusted with the address yet.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).emailVerified).toBe(false);
    expect((await prisma.speaker.findUniqueOrThrow({ where: { id: speaker.id } })).userId).toBeNull();
    const before = await getViewer({ conferenceId: conference.id, userId });
    expect(can(before, "talk:view-stream-key", talkRef)).toBe(false);
    expect(can(before, "talk:broadcast", talkRef)).toBe(false);
    await expect(
      checkOut({
        conferenceId: conference.id,
        user: { id: userId, email },
        input: CheckoutInput.parse({ ticketTypeId: freeType.id }),
        returnBaseUrl: "http://x",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Confirm your email address/) });
    expect(await prisma.ticket.count({ where: { userId } })).toBe(0);

    // Following the link (in a browser without a session) confirms it, signs in, and lands on the result page.
    const answer = await auth.handler(new Request(link));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/verify-email");
    expect(answer.headers.getSetCookie().some((c) => c.startsWith("better-auth.session_token="))).toBe(true);

    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).emailVerified).toBe(true);
    expect((await prisma.speaker.findUniqueOrThrow({ where: { id: speaker.id } })).userId).toBe(userId);
    const after = await getViewer({ conferenceId: conference.id, userId });
    expect(can(after, "talk:view-stream-key", talkRef)).toBe(true);
    expect(can(after, "talk:broadcast", talkRef)).toBe(true);
    const bought = await checkOut({
      conferenceId: conference.id,
      user: { id: userId, email },
      input: CheckoutInput.parse({ ticketTypeId: freeType.id }),
      returnBaseUrl: "http://x",
    });
    expect(bought.tickets).toHaveLength(1);
  });

  it("a link made before addresses were confirmed gives no speaker rights until the account confirms", async () => {
    const { conference, talks } = await createConference();
    const email = `early-${uid()}@example.test`;
    const signUp = await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery", name: "Early Bird" }, asResponse: true });
    const userId = ((await signUp.json()) as { user: { id: string } }).user.id;
    // As the migration leaves a profile linked before this change.
    const speaker = await prisma.speaker.create({
      data: { conferenceId: conference.id, slug: `early-${uid()}`, name: "Early", userId, accountEmail: email },
    });
    await prisma.talkSpeaker.create({ data: { talkId: talks.webTalk.id, speakerId: speaker.id } });
    const talkRef = { id: talks.webTalk.id, conferenceId: conference.id, isPublic: false };
    expect(can(await getViewer({ conferenceId: conference.id, userId }), "talk:view-stream-key", talkRef)).toBe(false);

    // "Send the link again" (the banner's button) mails a fresh one.
    const toThem = () => inbox.mails.filter((m) => m.to.includes(email));
    await inbox.waitForMail({ to: email });
    const sent = toThem().length;
    await auth.api.sendVerificationEmail({ body: { email, callbackURL: "/" } });
    await expect.poll(() => toThem().length).toBe(sent + 1);
    const latest = toThem().at(-1)!;
    expect((await auth.handler(new Request(linkIn(latest, "http://localhost:3000/api/auth/verify-email?token=")))).status).toBe(302);
    expect(can(await getViewer({ conferenceId: conference.id, userId }), "talk:view-stream-key", talkRef)).toBe(true);
  });

  it("a forged or altered link confirms nothing and says why on the result page", async () => {
    const email = `forger-${uid()}@example.test`;
    await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery", name: "Forger" } });
    const link = linkIn(await inbox.waitForMail({ to: email }), "http://localhost:3000/api/auth/verify-email?token=");
    const tampered = link.replace(/token=([^&]+)/, (_, token: string) => `token=${token.slice(0, -4)}AAAA`);
    const answer = await auth.handler(new Request(tampered));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/verify-email?error=INVALID_TOKEN");
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(false);
  });
});
