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
