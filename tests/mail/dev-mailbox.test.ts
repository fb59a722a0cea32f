import { afterEach, describe, expect, it, vi } from "vitest";
import { auth } from "@/lib/auth/auth";
import { overrideEnv } from "@/lib/config/env";
import { isDevMailboxEnabled, listDevMailbox } from "@/lib/mail/dev-mailbox";
import { uid } from "../support/fixtures";
import { logger } from "@/lib/logging/logger";

// Without SMTP_URL a newcomer can still confirm an address: the mails wait in /dev/mailbox.
describe("the dev mailbox (no SMTP_URL)", () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
    vi.restoreAllMocks();
  });

  it("receives the sign-up confirmation mail with its link", async () => {
    expect(isDevMailboxEnabled()).toBe(true);
    const email = `newcomer-${uid()}@example.test`;
    await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery", name: "Nova Newcomer" } });
    const [mail] = listDevMailbox({ to: email.toUpperCase() });
    expect(mail).toMatchObject({ to: email, subject: expect.stringMatching(/^Confirm your email address/) });
    expect(mail!.text).toMatch(/http:\/\/localhost:3000\/api\/auth\/verify-email\?token=\S+callbackURL=%2Fverify-email/);
  });

  it("is off with SMTP_URL, and off in production unless PLENARY_DEV_MAILBOX=1 (then mails go to the log)", async () => {
    restore = overrideEnv({ SMTP_URL: "smtp://127.0.0.1:2525" });
    expect(isDevMailboxEnabled()).toBe(false);
    restore();
    restore = overrideEnv({ NODE_ENV: "production" });
    expect(isDevMailboxEnabled()).toBe(false);
    const log = vi.spyOn(logger, "warn").mockImplementation((() => {}) as never);
    const email = `prod-${uid()}@example.test`;
    await auth.api.signUpEmail({ body: { email, password: "correct-horse-battery", name: "Prod" } });
    expect(listDevMailbox({ to: email })).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(`not sent to ${email}`));
    restore();
    restore = overrideEnv({ NODE_ENV: "production", PLENARY_DEV_MAILBOX: "1" });
    expect(isDevMailboxEnabled()).toBe(true);
  });
});
