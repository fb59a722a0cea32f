import type { Page } from "@playwright/test";
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
