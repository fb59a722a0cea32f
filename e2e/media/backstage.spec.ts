import { randomBytes } from "node:crypto";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";
import { e2eDatabase } from "../chat/e2e-database";

// Set to a folder to keep screenshots of the backstage and the waiting room (for review).
const shots = process.env.E2E_SCREENSHOTS;

/**
 * A talk of Sam Speaker's starting `startsInMs` from now, laid down in the e2e database (no page
 * creates one that close to now without the schedule editor's own flow), on the first stage.
 */
async function scheduleTalkSoon(startsInMs: number): Promise<{ slug: string; title: string }> {
  const db = await e2eDatabase();
  try {
    const stamp = Date.now().toString(36);
    const {
      rows: [speaker],
    } = await db.query(`SELECT s.id, s."conferenceId" FROM "Speaker" s JOIN "user" u ON u.id = s."userId" WHERE u.email = $1 LIMIT 1`, [
      ACCOUNTS.speaker,
    ]);
    const {
      rows: [stage],
    } = await db.query(`SELECT id FROM "Stage" WHERE "conferenceId" = $1 ORDER BY position LIMIT 1`, [speaker.conferenceId]);
    const id = `backstage${stamp}`;
    const slug = `backstage-countdown-${stamp}`;
    const title = `Backstage countdown ${stamp}`;
    const startsAt = new Date(Date.now() + startsInMs);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    await db.query(
      `INSERT INTO "Talk" (id, "conferenceId", slug, title, abstract, "startsAt", "endsAt", "stageId", "streamKey", "updatedAt")
       VALUES ($1, $2, $3, $4, 'A talk that starts in a minute or two.', $5, $6, $7, $8, now())`,
      [id, speaker.conferenceId, slug, title, startsAt, endsAt, stage.id, randomBytes(18).toString("base64url")],
    );
    await db.query(`INSERT INTO "TalkSpeaker" ("talkId", "speakerId", position) VALUES ($1, $2, 0)`, [id, speaker.id]);
    return { slug, title };
  } finally {
    await db.end();
  }
}

/** WCAG 2.1 AA violations axe finds in one part of a page (rule and elements, for the failure message). */
async function axeViolations(page: Page, selector: string) {
  const { violations } = await new AxeBuilder({ page }).include(selector).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

function currentTime(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((v: HTMLVideoElement) => v.currentTime);
}

test("attendees count down to a talk and get the player the moment it goes live; the speaker previews the test stream backstage", async ({
  browser,
}) => {
  // Two browsers, a test stream and a live one on a shared machine: slow, never a budget.
  test.setTimeout(300_000);
  const speakerContext = await browser.newContext();
  const speaker = await speakerContext.newPage();
  await signIn(speaker, ACCOUNTS.speaker);
  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);

  const talk = await scheduleTalkSoon(100_000);

  // The conference's home page's "Up next" counts down to it.
  await attendee.goto("/plenary-summit");
  const card = attendee.getByRole("article", { name: talk.title });
  await expect(card.getByRole("timer")).toHaveText(/^Starts in 0[01]:\d\d$/);
  if (shots) await attendee.getByRole("region", { name: "Up next" }).screenshot({ path: path.join(shots, "home-up-next.png") });

  // The talk page: a countdown where the player will be, announced sparingly.
  await attendee.goto(`/plenary-summit/talks/${talk.slug}`);
  const player = attendee.getByRole("region", { name: /Video player/ });
  await expect(player.getByText("The stream appears here when the talk starts")).toBeVisible();
  const timer = player.getByRole("timer");
  await expect(timer).toHaveText(/^Starts in 0[01]:\d\d$/);
  const shown = await timer.textContent();
  await expect(timer).not.toHaveText(shown!); // it counts
  // Marks this document: a reload would lose it.
  await attendee.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));

  // Backstage: the speaker's countdown to the slot, then a private test played back from the server.
  await speaker.goto(`/plenary-summit/talks/${talk.slug}`);
  const studio = speaker.getByRole("region", { name: "Speaker studio" });
  await expect(studio.getByTestId("slot-countdown")).toHaveText(
    /^Your slot starts in 0[01]:\d\d$|^Your slot starts now$|^You are \d+ min past your start$/,
  );
  const testButton = studio.getByRole("button", { name: "Test stream (private)" });
  await expect(testButton).toBeEnabled({ timeout: 20_000 });
  await testButton.click();
  await expect(studio.getByText(/Private test ·/)).toBeVisible({ timeout: 60_000 });
  const preview = studio.getByRole("region", { name: "Backstage preview" });
  await expect(preview).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => currentTime(speaker, "backstage-video"), { timeout: 60_000 }).toBeGreaterThan(0.5);
  const previewAt = await currentTime(speaker, "backstage-video");
  await expect.poll(() => currentTime(speaker, "backstage-video"), { timeout: 30_000 }).toBeGreaterThan(previewAt + 0.5);
  expect(await axeViolations(speaker, '[data-testid="backstage"]')).toEqual([]);
  if (shots) await studio.screenshot({ path: path.join(shots, "backstage.png") });

  // The attendee still waits: a test stream is not the talk.
  await expect(attendee.getByTestId("talk-waiting-room")).toBeVisible();
  await expect(player.getByText("LIVE", { exact: true })).toHaveCount(0);

  // A minute before, the page says so (and its live region tells a screen reader once).
  await expect(player.getByTestId("starts-in-announcement")).toHaveText(/^Starting in 1 minute$|^Starting now$/, { timeout: 120_000 });
  await expect(player.getByText(/Starting in less than a minute · the video starts here by itself|The speaker is getting ready/)).toBeVisible();
  expect(await axeViolations(attendee, '[data-testid="talk-waiting-room"]')).toEqual([]);
  if (shots) await attendee.screenshot({ path: path.join(shots, "waiting-room-starting-soon.png") });

  // The speaker goes live (the test is thrown away first); the attendee's page swaps in the player.
  await studio.getByRole("button", { name: "Go live" }).click();
  await expect(studio.getByText(/On air/)).toBeVisible({ timeout: 60_000 });
  await expect(player.getByText("LIVE", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(attendee.getByTestId("talk-waiting-room")).toHaveCount(0);
  await expect.poll(() => currentTime(attendee, "talk-video"), { timeout: 60_000 }).toBeGreaterThan(0.5);
  expect(await attendee.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  await studio.getByRole("button", { name: "End talk" }).click();
  await expect(studio.getByText("Ended", { exact: true })).toBeVisible({ timeout: 30_000 });
  await speakerContext.close();
  await attendeeContext.close();
});
