import { test, expect } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";

test("sign up, sign out, sign in again; a wrong password gets a clear message", async ({ page }) => {
  const email = `new-${Date.now()}@example.test`;
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Tell us your name")).toBeVisible();
  await page.getByLabel("Name").fill("Nia Newcomer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Nia Newcomer")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();

  await signIn(page, email, "a-good-password");
  await expect(page.getByText("Nia Newcomer")).toBeVisible();
});

test("star a talk and find it in my agenda", async ({ page }) => {
  await signIn(page, ACCOUNTS.attendee);
  await page.goto("/plenary-summit/schedule");
  const talk = page.getByRole("article", { name: "Postgres is your queue (until it is not)" });
  await talk.getByRole("button", { name: /Add “Postgres is your queue/ }).click();
  await expect(talk.getByRole("button", { name: /Remove “Postgres is your queue/ })).toHaveAttribute("aria-pressed", "true");
  // The star is optimistic; the reminder dialog opens once the server has it. Leaving before that
  // raced the write (the agenda rendered without the talk under two busy cores).
  await expect(page.getByRole("dialog", { name: /Reminder for “Postgres is your queue/ })).toBeVisible();
  await page.getByRole("link", { name: "My agenda" }).click();
  await expect(
    page.getByRole("list", { name: "Starred talks" }).getByRole("article", { name: "Postgres is your queue (until it is not)" }),
  ).toBeVisible();
  // And after a reload it is still there (persisted, not just client state).
  await page.reload();
  await expect(page.getByRole("article", { name: "Postgres is your queue (until it is not)" })).toBeVisible();
  await expect(page.getByLabel("Private agenda feed (iCal)")).toHaveValue(/\/calendar\/agenda\/.+\.ics$/);
});

test("an attendee cannot open an organizer route", async ({ page, request }) => {
  await signIn(page, ACCOUNTS.attendee);
  await page.goto("/plenary-summit");
  await expect(page.getByRole("link", { name: "Organize" })).toHaveCount(0);
  const response = await page.goto("/plenary-summit/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByText(/organizers only/i)).toBeVisible();
  // Anonymous API calls are refused too.
  expect((await request.post("/api/agenda/favourites", { data: { talkId: "x", starred: true } })).status()).toBe(401);
});

test("an organizer sees the organizer area", async ({ page }) => {
  await signIn(page, ACCOUNTS.organizer);
  await page.goto("/plenary-summit");
  await page.getByRole("link", { name: "Organize" }).click();
  await expect(page).toHaveURL(/\/plenary-summit\/admin$/);
  expect((await page.goto("/plenary-summit/admin"))?.status()).toBe(200);
});
