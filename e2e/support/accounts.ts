import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";

// Seeded by prisma/seed.ts (listed in the README).
export const PASSWORD = "plenary-demo-2026";
export const ACCOUNTS = {
  organizer: "organizer@plenary.dev",
  speaker: "speaker@plenary.dev",
  attendee: "attendee@plenary.dev",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

// Sign-in is rate limited per address (30 a minute): specs that visit many pages as one account
// sign in once per run and reuse the session cookies in each test's fresh context.
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["cookies"]>>>();

export async function signInOnce(page: Page, email: string) {
  const cookies = sessions.get(email);
  if (cookies) {
    await page.context().addCookies(cookies);
    return;
  }
  await signIn(page, email);
  sessions.set(email, await page.context().cookies());
}

/** Signs up a new account through the page; returns its address (unconfirmed until confirmEmail). */
export async function signUp(page: Page, name: string, password = "a-good-password") {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return email;
}

/** Opens the newest mail to `email` with this subject in the dev mailbox (the e2e app has no SMTP) and follows its link. */
export async function followMailedLink(page: Page, email: string, subject: RegExp) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  const mail = page.getByRole("article", { name: subject }).first();
  await expect(mail).toContainText(`To ${email}`);
  await mail.getByRole("link").first().click();
}

/** Confirms a freshly signed-up address the way a person does: the link in the mail. */
export async function confirmEmail(page: Page, email: string) {
  await followMailedLink(page, email, /Confirm your email address/);
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();
}
