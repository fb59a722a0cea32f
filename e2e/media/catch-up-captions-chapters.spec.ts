import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS, signIn } from "../support/accounts";
import { recordCspViolations } from "../support/csp";
import { e2eDatabase } from "../chat/e2e-database";

// A talk of its own for this file (the seeded live talk belongs to live-talk.spec.ts): Sam Speaker
// presents it, its slot starts now (inside the go-live window). Alex Attendee has a ticket.
const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const SLUG = `catch-up-and-chapters-${stamp}`;
const CONFERENCE = "plenary-summit";
const TALK = `/${CONFERENCE}/talks/${SLUG}`;

const CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHello and welcome\n\n00:00:05.000 --> 00:00:30.000\nToday: live video, caught up\n";

/** WCAG 2.1 AA violations axe finds in the page (or in the parts given), one line per rule and element. */
async function axeViolations(page: Page, include?: string[]) {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const selector of include ?? []) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`));
}

async function videoState(page: Page) {
  return page.getByTestId("talk-video").evaluate((v: HTMLVideoElement) => ({
    currentTime: v.currentTime,
    paused: v.paused,
    playbackRate: v.playbackRate,
    edge: v.seekable.length ? v.seekable.end(v.seekable.length - 1) : 0,
    captions: Array.from(v.textTracks).map((t) => ({
      mode: t.mode,
      label: t.label,
      cues: Array.from(t.activeCues ?? []).map((c) => (c as VTTCue).text),
    })),
  }));
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const db = await e2eDatabase();
  try {
    const speaker = await db.query<{ id: string; conferenceId: string }>(
      `SELECT s.id, s."conferenceId" FROM "Speaker" s JOIN "Conference" c ON c.id = s."conferenceId" WHERE s.slug = 'sam-speaker' AND c.slug = $1`,
      [CONFERENCE],
    );
    const { id: speakerId, conferenceId } = speaker.rows[0]!;
    const stage = await db.query<{ id: string }>(`SELECT id FROM "Stage" WHERE "conferenceId" = $1 ORDER BY position DESC LIMIT 1`, [conferenceId]);
    const talkId = `e2e-catch-up-${stamp}`;
    await db.query(
      `INSERT INTO "Talk" (id, "conferenceId", slug, title, abstract, "startsAt", "endsAt", "stageId", "streamKey", "updatedAt")
       VALUES ($1, $2, $3, 'Catching up with live video', 'Catch-up, captions and chapters.', now(), now() + interval '45 minutes', $4, $5, now())`,
      [talkId, conferenceId, SLUG, stage.rows[0]!.id, `key-${stamp}`],
    );
    await db.query(`INSERT INTO "TalkSpeaker" ("talkId", "speakerId") VALUES ($1, $2)`, [talkId, speakerId]);
  } finally {
    await db.end();
  }
});

test("behind a live talk, an attendee catches up at 2x with the chat replay following, and is back at 1x at the live edge; the speaker marks chapters live", async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const speakerContext = await browser.newContext();
  const speaker = await speakerContext.newPage();
  await signIn(speaker, ACCOUNTS.speaker);
  await speaker.goto(TALK);
  const studio = speaker.getByRole("region", { name: "Speaker studio" });
  const goLive = studio.getByRole("button", { name: "Go live" });
  await expect(goLive).toBeEnabled({ timeout: 20_000 });
  const wentLiveAt = Date.now();
  await goLive.click();
  await expect(studio.getByText(/On air/)).toBeVisible({ timeout: 60_000 });

  // The speaker marks the opening as a chapter while live.
  const chapters = speaker.getByRole("region", { name: "Chapters" });
  const addChapter = chapters.getByRole("form", { name: "Add a chapter" });
  await addChapter.getByLabel("Chapter title").fill("Opening");
  await addChapter.getByLabel("Starts at").fill("0:00");
  await addChapter.getByRole("button", { name: "Add chapter" }).click();
  await expect(chapters.getByRole("list", { name: "Chapters" }).getByRole("link", { name: /Opening/ })).toBeVisible();

  const attendeeContext = await browser.newContext();
  const attendeeCsp = await recordCspViolations(attendeeContext);
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto(TALK);
  const player = attendee.getByRole("region", { name: /Video player/ });
  await expect(player.getByText("LIVE", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await videoState(attendee)).currentTime, { timeout: 30_000 }).toBeGreaterThan(1);
  // Following live: nothing to catch up with.
  await expect(player.getByRole("button", { name: "Catch up" })).toHaveCount(0);

  // A message said live, a few seconds into the talk.
  const chat = attendee.getByRole("region", { name: "Talk chat" });
  await chat.getByRole("textbox", { name: "Message" }).fill(`said live ${stamp}`);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("list", { name: "Chat messages" }).getByText(`said live ${stamp}`)).toBeVisible();

  // Let the talk run, then scrub back to the start: "Catch up" is offered with how far behind.
  await attendee.waitForTimeout(Math.max(0, 24_000 - (Date.now() - wentLiveAt)));
  const seek = player.getByRole("slider", { name: "Seek" });
  await seek.focus();
  await seek.press("Home");
  await expect.poll(async () => (await videoState(attendee)).currentTime, { timeout: 10_000 }).toBeLessThan(4);
  await expect.poll(async () => (await videoState(attendee)).paused).toBe(false);
  const catchUp = player.getByRole("group", { name: "Catch up with live" });
  await expect(catchUp.getByRole("button", { name: "Catch up" })).toBeVisible();
  await expect(catchUp.getByTestId("behind-live")).toHaveText(/^0:[1-5]\d behind$/);
  // Behind live, the chat replays along: the message said a few seconds in is not said yet at 0:0x.
  await expect(chat.getByText(/Chat replay at/)).toBeVisible();
  await expect(chat.getByRole("list", { name: "Chat replay" }).getByText(`said live ${stamp}`)).toHaveCount(0);

  // Keyboard only: choose 2x, then "Catch up".
  await catchUp.getByLabel("Catch-up speed").selectOption("2");
  await catchUp.getByRole("button", { name: "Catch up" }).focus();
  await attendee.keyboard.press("Enter");
  await expect(player.getByTestId("catch-up-status")).toHaveText(/Catching up at 2×/);
  await expect.poll(async () => (await videoState(attendee)).playbackRate).toBe(2);
  // The chat replay follows the position while catching up: the message appears once passed.
  await expect(chat.getByRole("list", { name: "Chat replay" }).getByText(`said live ${stamp}`)).toBeVisible({ timeout: 60_000 });

  // At the live edge: 1x again, said so, the live chat is back, and the player follows live.
  await expect(player.getByTestId("catch-up-status")).toHaveText("Caught up: you are live, playing at 1×", { timeout: 90_000 });
  const arrived = await videoState(attendee);
  expect(arrived.playbackRate).toBeLessThanOrEqual(1.5); // hls.js' own small catch-up near the edge may apply
  expect(arrived.edge - arrived.currentTime).toBeLessThan(8);
  await expect(chat.getByText(/Chat replay at/)).toHaveCount(0);
  await expect(chat.getByRole("list", { name: "Chat messages" }).getByText(`said live ${stamp}`)).toBeVisible();
  await expect(player.getByRole("button", { name: "At live" })).toBeVisible();
  await expect.poll(async () => (await videoState(attendee)).playbackRate, { timeout: 20_000 }).toBe(1);

  // A second chapter, during the talk, at a typed time, while the attendee watches (a reload of
  // their page would drop this flag).
  await attendee.evaluate(() => Object.assign(window, { plenaryNotReloaded: true }));
  await addChapter.getByLabel("Chapter title").fill("Demo");
  await addChapter.getByLabel("Starts at").fill("0:06");
  await addChapter.getByRole("button", { name: "Add chapter" }).click();
  await expect(chapters.getByRole("list", { name: "Chapters" }).getByRole("link", { name: /Demo/ })).toBeVisible();
  // The attendee's page, open all along, gets it pushed (talk:chapters): in the list and as a mark
  // on the seek bar, without a reload.
  const attendeeChapters = attendee.getByRole("list", { name: "Chapters" });
  await expect(attendeeChapters.getByRole("link", { name: /Demo/ })).toBeVisible({ timeout: 15_000 });
  await expect(attendeeChapters.getByRole("link")).toHaveCount(2);
  await expect(player.getByTestId("chapter-mark")).toHaveCount(1);
  expect(await attendee.evaluate(() => "plenaryNotReloaded" in window)).toBe(true);

  await studio.getByRole("button", { name: "End talk" }).click();
  await expect(studio.getByText("Ended", { exact: true })).toBeVisible({ timeout: 15_000 });
  expect(attendeeCsp()).toEqual([]);
  await speakerContext.close();
  await attendeeContext.close();
});

test("after the talk, the speaker uploads captions and renames a chapter; the replay has CC, chapter marks and ?t= links", async ({ browser }) => {
  test.setTimeout(120_000);
  const speakerContext = await browser.newContext();
  const speaker = await speakerContext.newPage();
  await signIn(speaker, ACCOUNTS.speaker);
  await speaker.goto(TALK);
  const captions = speaker.getByRole("region", { name: "Captions" });
  const form = captions.getByRole("form", { name: "Upload captions" });
  // Not WebVTT: refused with the reason.
  await form
    .getByLabel("Captions file (WebVTT)")
    .setInputFiles({ name: "talk.srt", mimeType: "application/x-subrip", buffer: Buffer.from("1\n00:00:01,000 --> 00:00:02,000\nHi\n") });
  await form.getByRole("button", { name: "Upload captions" }).click();
  await expect(captions.getByRole("alert")).toHaveText(/does not start with the "WEBVTT" header/);
  await form.getByLabel("Captions file (WebVTT)").setInputFiles({ name: "talk.vtt", mimeType: "text/vtt", buffer: Buffer.from(CAPTIONS) });
  await form.getByRole("button", { name: "Upload captions" }).click();
  await expect(captions.getByRole("status")).toHaveText("Added English captions (2 cues)");
  await expect(captions.getByRole("list", { name: "Captions tracks" })).toContainText("English");

  const chapters = speaker.getByRole("region", { name: "Chapters" });
  await chapters.getByRole("button", { name: "Edit chapter Demo" }).click();
  const edit = chapters.getByRole("form", { name: "Edit chapter Demo" });
  await edit.getByLabel("Chapter title").fill("Live demo");
  await edit.getByRole("button", { name: "Save chapter" }).click();
  await expect(chapters.getByRole("link", { name: /Live demo/ })).toBeVisible();
  // The editors hold to WCAG 2.1 AA (labels, contrast, roles).
  expect(await axeViolations(speaker, ["[data-testid=talk-chapters]", "[data-testid=captions-manager]"])).toEqual([]);
  await speakerContext.close();

  // The attendee opens the replay with ?t= in minutes and seconds.
  const context = await browser.newContext();
  const csp = await recordCspViolations(context);
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.attendee);
  await page.goto(`${TALK}?t=0m2s`);
  const player = page.getByRole("region", { name: /Video player/ });
  let seen = 0;
  await expect.poll(async () => (seen = (await videoState(page)).currentTime), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  expect(seen).toBeLessThan(6);
  await expect(player.getByText("LIVE", { exact: true })).toHaveCount(0);

  // Chapters: a mark on the seek bar past the start, the list with ?t= links; attendees cannot edit.
  await expect(player.getByTestId("chapter-mark")).toHaveCount(1);
  const list = page.getByRole("list", { name: "Chapters" });
  await expect(list.getByRole("link")).toHaveCount(2);
  const demo = list.getByRole("link", { name: /Live demo/ });
  await expect(demo).toHaveAttribute("href", "?t=6");
  await expect(page.getByRole("form", { name: "Add a chapter" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Captions" })).toHaveCount(0);

  // Captions: off until CC is pressed, then the cue of the moment shows.
  const cc = player.getByRole("button", { name: "Captions (English)" });
  await expect(cc).toHaveAttribute("aria-pressed", "false");
  await cc.click();
  await expect(cc).toHaveAttribute("aria-pressed", "true");
  await expect.poll(async () => (await videoState(page)).captions[0]?.mode).toBe("showing");
  expect(await axeViolations(page)).toEqual([]);

  // A chapter link seeks the player there (and the URL says ?t=6).
  await demo.click();
  await expect(page).toHaveURL(/\?t=6$/);
  await expect.poll(async () => (await videoState(page)).currentTime, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
  expect((await videoState(page)).currentTime).toBeLessThan(12);
  await expect(player.getByTestId("current-chapter")).toHaveText("· Live demo");
  await expect.poll(async () => (await videoState(page)).captions[0]?.cues, { timeout: 10_000 }).toEqual(["Today: live video, caught up"]);
  // Placed above the player's controls, not under them.
  const cueLine = () =>
    page.getByTestId("talk-video").evaluate((v: HTMLVideoElement) => {
      const cue = v.textTracks[0]?.activeCues?.[0] as VTTCue | undefined;
      return cue ? { line: cue.line, snapToLines: cue.snapToLines } : null;
    });
  await expect.poll(cueLine).toEqual({ line: 72, snapToLines: false });

  // "c" toggles captions off from the keyboard.
  await player.focus();
  await page.keyboard.press("c");
  await expect(cc).toHaveAttribute("aria-pressed", "false");
  await expect.poll(async () => (await videoState(page)).captions[0]?.mode).toBe("disabled");

  // The chapter's link opens the talk there in a new visit too.
  await page.goto(`${TALK}?t=6`);
  await expect.poll(async () => (seen = (await videoState(page)).currentTime), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
  expect(seen).toBeLessThan(10);
  expect(csp()).toEqual([]);
  await context.close();
});
