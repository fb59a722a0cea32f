import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
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
  await page.goto("/plenary-summit/admin");
  await page.getByRole("navigation", { name: "Organizer" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();

  await expect(page.getByText("Unique viewers", { exact: true })).toBeVisible();
  await expect(page.getByText("Peak concurrent", { exact: true })).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: TALK }) });
  // Watched live 3, peak 3, replay 1, watch time 7 min.
  await expect(row.getByRole("cell")).toHaveText([new RegExp(TALK.replace(/[()]/g, "\\$&")), "3", "3", "1", "7 min", "1.8 min", /\d+/, /\d+/]);

  // People watching any talk, over time.
  const everyone = page.getByRole("figure", { name: /Watching live, all talks/ });
  await expect(everyone).toContainText("at most 3 at once");
  await expect(everyone.locator("svg .recharts-line-curve")).toBeVisible();

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

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the analytics pages, charts and their tables open, have no WCAG 2.1 AA violations", async ({ page }) => {
  await signIn(page, ACCOUNTS.organizer);
  await page.goto("/plenary-summit/admin/analytics");
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  for (const more of await page.getByText("Show the numbers").all()) await more.click();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: TALK }).click();
  await expect(page.getByRole("heading", { name: TALK, level: 1 })).toBeVisible();
  await expect(page.getByRole("figure", { name: /Watching live/ }).locator(".recharts-line-curve")).toBeVisible();
  for (const more of await page.getByText("Show the numbers").all()) await more.click();
  await expectNoAxeViolations(page);
});

test("attendees get no analytics", async ({ page }) => {
  await signIn(page, ACCOUNTS.attendee);
  const response = await page.goto("/plenary-summit/admin/analytics");
  expect(response?.status()).toBe(403);
  const csv = await page.request.get("/api/conferences/plenary-summit/admin/analytics/export?kind=talks");
  expect(csv.status()).toBe(403);
});

test("an attendee watching a replay is counted from their player's heartbeats", async ({ browser }) => {
  test.setTimeout(180_000);
  // A finished talk with a recording on disk (made with ffmpeg, as the ingest lays it out).
  const db = await e2eDatabase();
  let talkId: string;
  let attendeeKey: string;
  try {
    talkId = (await db.query<{ id: string }>(`SELECT "id" FROM "Talk" WHERE "slug" = 'schedules-and-time-zones'`)).rows[0].id;
    attendeeKey = `u:${(await db.query<{ id: string }>(`SELECT "id" FROM "user" WHERE "email" = $1`, [ACCOUNTS.attendee])).rows[0].id}`;
    const prefix = `talks/${talkId}/a11a1e7e5eed0001`; // the folder is hex, as the ingest names it
    const folder = path.join(".data/media-e2e", prefix);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(path.join(folder, "v0"), { recursive: true });
    execFileSync("ffmpeg", [
      ...["-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10", "-f", "lavfi", "-i", "sine=frequency=440"],
      ...["-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-c:a", "aac", "-f", "hls", "-hls_time", "2"],
      ...["-hls_playlist_type", "vod", "-hls_segment_filename", path.join(folder, "v0", "seg%03d.ts"), path.join(folder, "v0", "index.m3u8")],
    ]);
    fs.writeFileSync(
      path.join(folder, "master.m3u8"),
      '#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-STREAM-INF:BANDWIDTH=500000,RESOLUTION=320x180,NAME="v0"\nv0/index.m3u8\n',
    );
    await db.query(`DELETE FROM "Recording" WHERE "talkId" = $1`, [talkId]);
    await db.query(
      `INSERT INTO "Recording" ("id", "talkId", "source", "status", "storagePrefix", "startedAt", "endedAt", "durationMs", "updatedAt")
       VALUES ('e2e-analytics', $1, 'BROWSER', 'ENDED', $2, now() - interval '1 hour', now() - interval '58 minutes', 120000, now())`,
      [talkId, prefix],
    );
    await db.query(`UPDATE "Talk" SET "status" = 'ENDED' WHERE "id" = $1`, [talkId]);
  } finally {
    await db.end();
  }

  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto("/plenary-summit/talks/schedules-and-time-zones");
  const video = attendee.getByTestId("talk-video");
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(1);

  // The node writes what it gathered every 20 s.
  await expect
    .poll(
      async () => {
        const check = await e2eDatabase();
        try {
          return (await check.query(`SELECT "mode" FROM "ViewerMinute" WHERE "talkId" = $1 AND "viewerKey" = $2`, [talkId, attendeeKey])).rows.map(
            (r) => r.mode,
          );
        } finally {
          await check.end();
        }
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toContain("REPLAY");
  await attendeeContext.close();

  const organizerContext = await browser.newContext();
  const organizer = await organizerContext.newPage();
  await signIn(organizer, ACCOUNTS.organizer);
  await organizer.goto("/plenary-summit/admin/analytics");
  const row = organizer.getByRole("row").filter({ has: organizer.getByRole("link", { name: /Schedules and time zones/ }) });
  await expect(row.getByRole("cell").nth(3)).toHaveText("1"); // replay viewers
  await organizerContext.close();
  fs.rmSync(path.join(".data/media-e2e", `talks/${talkId}`), { recursive: true, force: true });
});
