import { test, expect } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";
import { recordCspViolations } from "../support/csp";
import { e2eDatabase } from "../chat/e2e-database";

// The organizer's analytics, the way an organizer reads them: viewer-minutes laid down as the
// realtime nodes write them (tests/analytics covers the heartbeats that produce them), the
// overview's table, a talk's charts drawn in the page with their numbers as a table, the CSV,
// and the door shut for attendees.

const TALK = "Postgres is your queue (until it is not)";
const T0 = Date.UTC(2026, 5, 1, 8, 0, 0);
const minute = (base: number, n: number) => new Date(base + n * 60_000).toISOString().replace("Z", "");

test.beforeAll(async () => {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ id: string }>(`SELECT "id" FROM "Talk" WHERE "slug" = 'postgres-is-your-queue'`);
    const talkId = rows[0].id;
    // Live: three viewers at 08:00, two at 08:01, one at 08:02; a replay viewer the next day.
    const seen: [string, string, string][] = [
      [minute(T0, 0), "LIVE", "u:e2e-a"],
      [minute(T0, 0), "LIVE", "u:e2e-b"],
      [minute(T0, 0), "LIVE", "a:e2e-c"],
      [minute(T0, 1), "LIVE", "u:e2e-a"],
      [minute(T0, 1), "LIVE", "u:e2e-b"],
      [minute(T0, 2), "LIVE", "u:e2e-a"],
      [minute(T0, 24 * 60), "REPLAY", "u:e2e-d"],
    ];
    for (const [at, mode, viewer] of seen) {
      await db.query(`INSERT INTO "ViewerMinute" ("talkId", "minute", "mode", "viewerKey") VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        talkId,
        at,
        mode,
        viewer,
      ]);
    }
  } finally {
    await db.end();
  }
});

test("an organizer reads the conference's and a talk's audience in charts, with the numbers and a CSV", async ({ page }) => {
  const violations = await recordCspViolations(page.context());
  await signIn(page, ACCOUNTS.organizer);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Organizer" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();

  await expect(page.getByText("Unique viewers", { exact: true })).toBeVisible();
  await expect(page.getByText("Peak concurrent", { exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: TALK }) });
  // Watched live 3, peak 3, replay 1, watch time 7 min.
  await expect(row.getByRole("cell")).toHaveText([new RegExp(TALK.replace(/[()]/g, "\\$&")), "3", "3", "1", "7 min", "1.8 min", /\d+/, /\d+/]);

  // The demo's ticket sale is charted by day.
  const sales = page.getByRole("figure", { name: /Tickets and discount codes/ });
  await expect(sales).toContainText(/\d+ tickets? sold/);
  await expect(sales.locator(".recharts-bar-rectangle").first()).toBeVisible();

  await row.getByRole("link", { name: TALK }).click();
  await expect(page.getByRole("heading", { name: TALK, level: 1 })).toBeVisible();
  const live = page.getByRole("figure", { name: /Watching live/ });
  await expect(live).toContainText("at most 3 at once");
  await expect(live.locator("svg .recharts-line-curve")).toBeVisible();
  const replay = page.getByRole("figure", { name: /Watching the replay/ });
  await expect(replay).toContainText("at most 1 at once");
  await expect(replay.locator("svg .recharts-line-dot").first()).toBeVisible();

  // The text equivalent: the same numbers as a table.
  await live.getByText("Show the numbers").click();
  const table = live.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row").nth(1).getByRole("cell")).toHaveText(["3"]);
  await expect(table.getByRole("row").nth(2).getByRole("cell")).toHaveText(["2"]);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export minutes (CSV)" }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString("utf8");
  expect(text.startsWith("\uFEFFminute_utc,live_viewers,replay_viewers,chat_messages,questions\r\n")).toBe(true);
  expect(text).toContain("2026-06-01T08:00:00.000Z,3,0,");
  expect(violations()).toEqual([]);
});

test("attendees get no analytics", async ({ page }) => {
  await signIn(page, ACCOUNTS.attendee);
  const response = await page.goto("/admin/analytics");
  expect(response?.status()).toBe(403);
  const csv = await page.request.get("/api/admin/analytics/export?kind=talks");
  expect(csv.status()).toBe(403);
});
