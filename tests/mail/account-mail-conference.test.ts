import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { accountPageReturningTo, returnPathOf } from "@/lib/auth/return-path";
import { overrideEnv } from "@/lib/config/env";
import { createConference, uid } from "../support/fixtures";
import { linkIn, startSmtpInbox } from "../support/smtp-inbox";

// Many conferences share one instance and its accounts: a mail names the conference whose page the
// person started from (the `next` carried in better-auth's callbackURL), else the instance, never
// whichever conference happens to be oldest.
describe("account mails name the conference the person came from (real SMTP)", () => {
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let restoreEnv: () => void;
  let older: Awaited<ReturnType<typeof createConference>>["conference"];
  let conferenceB: Awaited<ReturnType<typeof createConference>>["conference"];
  beforeAll(async () => {
    older = (await createConference()).conference;
    conferenceB = (await createConference()).conference;
    inbox = await startSmtpInbox();
    restoreEnv = overrideEnv({ SMTP_URL: inbox.url });
  });
  afterAll(async () => {
    restoreEnv();
    await inbox.close();
  });

  it("a sign-up from conference B's pages gets a confirmation mail naming B, whose link leads back there", async () => {
    const email = `b-visitor-${uid()}@example.test`;
    const from = `/${conferenceB.slug}/talks/web-talk`;
    await auth.api.signUpEmail({
      body: { email, password: "correct-horse-battery", name: "Bea", callbackURL: accountPageReturningTo("/verify-email", from) },
    });
    const mail = await inbox.waitForMail({ to: email });
    expect(mail.subject).toBe(`Confirm your email address for ${conferenceB.name}`);
    expect(mail.text).toContain(`your ${conferenceB.name} account`);
    expect(mail.text).not.toContain(older.name);

    const answer = await auth.handler(new Request(linkIn(mail, "http://localhost:3000/api/auth/verify-email?token=")));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe(`/verify-email?next=${encodeURIComponent(from)}`);
  });

  it("a password reset asked from conference B's sign-in names B", async () => {
    const email = `b-reset-${uid()}@example.test`;
    await auth.api.signUpEmail({ body: { email, password: "the-old-password", name: "Ben" } });
    await inbox.waitForMail({ to: email, subject: /Confirm/ });
    await auth.api.requestPasswordReset({ body: { email, redirectTo: accountPageReturningTo("/reset-password", `/${conferenceB.slug}/tickets`) } });
    const mail = await inbox.waitForMail({ to: email, subject: /Reset your/ });
    expect(mail.subject).toBe(`Reset your ${conferenceB.name} password`);

    const opened = await auth.handler(new Request(linkIn(mail, "http://localhost:3000/api/auth/reset-password/")));
    const page = new URL(opened.headers.get("location")!);
    expect(page.pathname).toBe("/reset-password");
    expect(page.searchParams.get("next")).toBe(`/${conferenceB.slug}/tickets`);
    expect(page.searchParams.get("token")).toBeTruthy();
  });

  it("without a known conference the mails speak for the instance", async () => {
    for (const callbackURL of [
      undefined,
      "/",
      "/verify-email",
      "/verify-email?next=%2Fno-such-conference%2Fschedule",
      "/verify-email?next=%2F%2Fevil.example",
    ]) {
      const email = `neutral-${uid()}@example.test`;
      await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery", name: "Nia", ...(callbackURL ? { callbackURL } : {}) } });
      const mail = await inbox.waitForMail({ to: email });
      expect(mail.subject, String(callbackURL)).toBe("Confirm your email address for Plenary");
      // Nothing unsafe or unknown-but-harmless is carried further than a plain path on this site.
      const answer = await auth.handler(new Request(linkIn(mail, "http://localhost:3000/api/auth/verify-email?token=")));
      expect(answer.headers.get("location")).toMatch(/^\/verify-email(\?next=%2Fno-such-conference%2Fschedule)?$/);
    }
  });

  it("return paths: an account page leads back to its checked `next`, any other page to itself", () => {
    expect(returnPathOf("/verify-email?next=%2Fconf-b%2Ftickets")).toBe("/conf-b/tickets");
    expect(returnPathOf("/conf-b/talks/x?t=90")).toBe("/conf-b/talks/x?t=90");
    expect(returnPathOf("/sign-in?next=%2F%2Fevil.example")).toBe("/");
    expect(returnPathOf("https://evil.example/conf-b")).toBe("/");
    expect(returnPathOf(null)).toBe("/");
    expect(accountPageReturningTo("/verify-email", "/")).toBe("/verify-email");
    expect(accountPageReturningTo("/verify-email", "//evil.example")).toBe("/verify-email");
  });
});
