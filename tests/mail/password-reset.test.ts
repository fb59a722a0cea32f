import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auth } from "@/lib/auth/auth";
import { overrideEnv } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { createConference, uid } from "../support/fixtures";
import { linkIn, startSmtpInbox } from "../support/smtp-inbox";

const signIn = (email: string, password: string) => auth.api.signInEmail({ body: { email, password }, asResponse: true });
const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("password reset by mail (real SMTP)", () => {
  let inbox: Awaited<ReturnType<typeof startSmtpInbox>>;
  let restoreEnv: () => void;
  beforeAll(async () => {
    await createConference();
    inbox = await startSmtpInbox();
    restoreEnv = overrideEnv({ SMTP_URL: inbox.url });
  });
  afterAll(async () => {
    restoreEnv();
    await inbox.close();
  });

  it("mails a one-time link; the new password works, the old one and the old sessions do not", async () => {
    const email = `forgetful-${uid()}@example.test`;
    const signUp = await auth.api.signUpEmail({ body: { email, password: "the-old-password", name: "Fran Forgetful" }, asResponse: true });
    const oldSession = cookieOf(signUp);

    const asked = await auth.api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" } });
    expect(asked.status).toBe(true);
    const mail = await inbox.waitForMail({ to: email, subject: /Reset your .* password/ });
    const link = linkIn(mail, "http://localhost:3000/api/auth/reset-password/");

    // The link checks the token and hands it to the reset page.
    const opened = await auth.handler(new Request(link));
    expect(opened.status).toBe(302);
    const page = new URL(opened.headers.get("location")!);
    expect(page.pathname).toBe("/reset-password");
    const token = page.searchParams.get("token")!;
    expect(token).toBeTruthy();

    expect(await auth.api.resetPassword({ body: { token, newPassword: "a-brand-new-password" } })).toEqual({ status: true });
    expect((await signIn(email, "a-brand-new-password")).status).toBe(200);
    expect((await signIn(email, "the-old-password")).status).toBe(401);
    // Whoever held a session before the reset is signed out (once the minute of cookie cache is past).
    expect(await auth.api.getSession({ headers: new Headers({ cookie: oldSession }), query: { disableCookieCache: true } })).toBeNull();
    // The link proved the address.
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerified).toBe(true);
    // And it works once.
    await expect(auth.api.resetPassword({ body: { token, newPassword: "yet-another-password" } })).rejects.toMatchObject({ statusCode: 400 });
    expect((await signIn(email, "yet-another-password")).status).toBe(401);
  });

  it("answers the same for an unknown address and mails nobody", async () => {
    const before = inbox.mails.length;
    const email = `nobody-${uid()}@example.test`;
    expect(await auth.api.requestPasswordReset({ body: { email, redirectTo: "/reset-password" } })).toMatchObject({ status: true });
    // A mail to someone else afterwards arrives; none went to the unknown address.
    const known = `known-${uid()}@example.test`;
    await auth.api.signUpEmail({ body: { email: known, password: "the-old-password", name: "Known" } });
    await inbox.waitForMail({ to: known });
    expect(inbox.mails.slice(before).some((m) => m.to.includes(email))).toBe(false);
  });
});
