import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { randomBytes } from "node:crypto";
import { ACCOUNTS, signIn } from "../support/accounts";
import { e2eDatabase } from "../chat/e2e-database";

// Starring a talk that starts in a few minutes and choosing an in-app reminder: the realtime
// node's runner (every 10 s) pushes it to this page; a page loaded later still shows it until it
// is dismissed.

async function createTalkSoon(title: string): Promise<{ slug: string }> {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ id: string; stageId: string }>(
      `SELECT c.id, s.id AS "stageId" FROM "Conference" c JOIN "Stage" s ON s."conferenceId" = c.id ORDER BY s.position LIMIT 1`,
    );
    const slug = `reminder-${randomBytes(4).toString("hex")}`;
    await db.query(
      `INSERT INTO "Talk" (id, "conferenceId", slug, title, "startsAt", "endsAt", "stageId", "streamKey", "isPublic", "updatedAt")
       VALUES ($1, $2, $3, $4, now() + interval '3 minutes', now() + interval '33 minutes', $5, $6, true, now())`,
      [`c${randomBytes(12).toString("hex")}`, rows[0].id, slug, title, rows[0].stageId, `key-${randomBytes(8).toString("hex")}`],
    );
    return { slug };
  } finally {
    await db.end();
  }
}

test("starring a talk offers a reminder; the in-app one arrives as a toast with a link to join", async ({ page }) => {
  const title = `Reminders e2e ${Date.now()}`;
  const { slug } = await createTalkSoon(title);
  await signIn(page, ACCOUNTS.attendee);
  await page.goto(`/plenary-summit/talks/${slug}`);

  await page.getByRole("button", { name: `Add “${title}” to my agenda` }).click();
  const dialog = page.getByRole("dialog", { name: `Reminder for “${title}”` });
  await expect(dialog).toBeVisible();
  // The default: in-app, 10 minutes before, no e-mail.
  await expect(dialog.getByLabel("When")).toHaveValue("10");
  await expect(dialog.getByLabel("In-app notification")).toBeChecked();
  await expect(dialog.getByLabel("E-mail")).not.toBeChecked();
  await dialog.getByLabel("When").selectOption("5");
  await dialog.getByRole("button", { name: "Save reminder" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Saved: 5 min before · in-app");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: `Reminder for “${title}”: 5 min before · in-app` })).toBeFocused();

  // Pushed over the socket by the runner.
  const reminders = page.getByRole("region", { name: "Reminders" });
  const toast = reminders.getByRole("article", { name: `Reminder: ${title}` });
  await expect(toast).toBeVisible({ timeout: 30_000 });
  await expect(toast).toContainText(/Starts in [1-3] min/);
  await expect(toast.getByRole("link", { name: `Join “${title}”` })).toHaveAttribute("href", `/plenary-summit/talks/${slug}`);

  // The toast and the reopened reminder dialog hold no WCAG 2.1 AA violations axe can find.
  await page.getByRole("button", { name: `Reminder for “${title}”: 5 min before · in-app` }).click();
  await expect(dialog.getByLabel("When")).toHaveValue("5");
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // The agenda shows the reminder; the toast is there again on this page load.
  await page.goto("/plenary-summit/agenda");
  await expect(page.getByRole("button", { name: `Reminder for “${title}”: 5 min before · in-app` })).toBeVisible();
  await expect(toast).toBeVisible();
  const dismissed = page.waitForResponse((r) => r.url().endsWith("/api/agenda/reminders/in-app/dismiss") && r.ok());
  await toast.getByRole("button", { name: `Dismiss the reminder for “${title}”` }).click();
  await dismissed;
  await expect(toast).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: "My agenda" })).toBeVisible();
  await expect(page.getByRole("button", { name: `Reminder for “${title}”: 5 min before · in-app` })).toBeVisible();
  await expect(toast).toBeHidden();
});
