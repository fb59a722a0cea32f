import { readFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { test, expect } from "@playwright/test";
import { ACCOUNTS, PASSWORD, signUp } from "../support/accounts";
import { e2eDatabase } from "../chat/e2e-database";

// Many conferences on one instance (issue 13): the seed holds the demo (on now) and last year's
// edition (past). Each lives under its own slug.

test("the home page lists the current and the past conference, and each one is browsable", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Conferences" })).toBeVisible();
  const current = page.getByRole("region", { name: "On now and coming up" });
  const past = page.getByRole("region", { name: "Past conferences" });
  await expect(current.getByRole("article", { name: "Plenary Summit", exact: true })).toContainText("On now");
  await expect(past.getByRole("article", { name: "Plenary Summit 2025" })).toContainText("3 talks");

  // Last year's edition: its own schedule and talk pages, under its own address.
  await past.getByRole("link", { name: "Plenary Summit 2025" }).click();
  await expect(page).toHaveURL(/\/plenary-summit-2025$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/plenary-summit-2025\/schedule$/);
  await expect(page.getByRole("article", { name: "Postgres is your queue (until it is not)" })).toHaveCount(0);
  await page.getByRole("link", { name: "Why online events" }).click();
  await expect(page).toHaveURL(/\/plenary-summit-2025\/talks\/why-online-events$/);
  await expect(page.getByRole("heading", { level: 1, name: "Why online events" })).toBeVisible();

  // Back home, and into this year's.
  await page.getByRole("link", { name: "Conferences" }).click();
  await page.getByRole("region", { name: "On now and coming up" }).getByRole("link", { name: "Plenary Summit", exact: true }).click();
  await expect(page).toHaveURL(/\/plenary-summit$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }).click();
  await expect(page.getByRole("article", { name: "Postgres is your queue (until it is not)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Why online events" })).toHaveCount(0);
});

test("old addresses lead to the default conference", async ({ page, request }) => {
  const moved = await request.get("/schedule?view=grid", { maxRedirects: 0 });
  expect(moved.status()).toBe(307);
  expect(moved.headers().location).toBe("/plenary-summit/schedule?view=grid");
  await page.goto("/talks/opening-keynote");
  await expect(page).toHaveURL(/\/plenary-summit\/talks\/opening-keynote$/);
  expect((await request.get("/no-such-conference/schedule")).status()).toBe(404);
});

test("an organizer of one conference cannot open another's admin area, and imports an event as a new conference", async ({ page }) => {
  const email = await signUp(page, "Edda Edition");
  // Organizer of last year's edition only (no page hands out roles).
  const db = await e2eDatabase();
  try {
    await db.query(
      `INSERT INTO "Membership" (id, "userId", "conferenceId", role)
       SELECT $1, u.id, c.id, 'ORGANIZER' FROM "user" u, "Conference" c WHERE u.email = $2 AND c.slug = 'plenary-summit-2025'`,
      [`e2e-${randomBytes(6).toString("hex")}`, email],
    );
  } finally {
    await db.end();
  }

  expect((await page.goto("/plenary-summit-2025/admin"))?.status()).toBe(200);
  expect((await page.goto("/plenary-summit/admin"))?.status()).toBe(403);
  expect((await page.request.get("/api/conferences/plenary-summit/admin/tickets/types")).status()).toBe(403);
  const hijack = await page.request.post("/api/conferences/plenary-summit/admin/schedule/stages", { data: { name: "Hijacked" } });
  expect(hijack.status()).toBe(403);

  // A frab export becomes a conference of its own, organized by whoever imported it.
  await page.goto("/plenary-summit-2025/admin/import");
  const target = page.getByLabel("Import into");
  await expect(target.getByRole("option")).toHaveText(["Plenary Summit 2025 (this conference)", "A new conference, named after the event"]);
  await target.selectOption({ label: "A new conference, named after the event" });
  const slug = `camp-${Date.now()}`;
  await page.getByRole("textbox", { name: "Web address" }).fill(slug);
  await page
    .getByLabel("…or paste the export")
    .fill(readFileSync(path.join(import.meta.dirname, "../../tests/import/fixtures/frab-schedule.xml"), "utf8"));
  await page.getByRole("button", { name: "Import schedule" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Created/ })).toContainText(`Frab Camp 2026 at /${slug}`);
  await page.getByRole("link", { name: "Frab Camp 2026" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organize" })).toBeVisible();

  // Home lists it, with a way into the admin area of each conference this account organizes only.
  await page.goto("/");
  await expect(page.getByRole("article", { name: "Frab Camp 2026" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Organize Plenary Summit 2025" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Organize Plenary Summit", exact: true })).toHaveCount(0);
  await page.getByRole("link", { name: "Organize Frab Camp 2026" }).click();
  await expect(page).toHaveURL(new RegExp(`/${slug}/admin$`));
});

test("signing in from a conference's page comes back to it", async ({ page }) => {
  await page.goto("/plenary-summit-2025/schedule");
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fplenary-summit-2025%2Fschedule$/);
  await page.getByLabel("Email").fill(ACCOUNTS.attendee);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/plenary-summit-2025\/schedule$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
