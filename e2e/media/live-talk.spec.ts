import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";
import { recordCspViolations } from "../support/csp";

// Sam Speaker presents this seeded talk; Alex Attendee has a ticket.
const TALK = "/plenary-summit/talks/live-video-at-the-edge";

async function videoState(page: Page) {
  return page.getByTestId("talk-video").evaluate((v: HTMLVideoElement) => ({
    currentTime: v.currentTime,
    paused: v.paused,
    duration: v.duration,
    edge: v.seekable.length ? v.seekable.end(v.seekable.length - 1) : 0,
  }));
}

test.describe.configure({ mode: "serial" });

test("a speaker goes live from the browser; an attendee watches, scrubs back, jumps to live and gets the replay", async ({ browser }) => {
  test.setTimeout(300_000);
  const speakerContext = await browser.newContext();
  const speakerCsp = await recordCspViolations(speakerContext);
  const speaker = await speakerContext.newPage();
  await signIn(speaker, ACCOUNTS.speaker);
  await speaker.goto(TALK);
  const studio = speaker.getByRole("region", { name: "Speaker studio" });
  await expect(studio).toBeVisible();
  await expect(studio.getByLabel("Camera")).toBeVisible();
  const goLive = studio.getByRole("button", { name: "Go live" });
  await expect(goLive).toBeEnabled({ timeout: 20_000 });
  // The recording starts at the click; "On air" shows once its first segment is listed.
  const wentLiveAt = Date.now();
  await goLive.click();
  // On air = ffmpeg started and the first segment listed: slow when the machine is busy.
  await expect(studio.getByText(/On air/)).toBeVisible({ timeout: 60_000 });
  const onAirAt = Date.now(); // the first segment is listed: recording is under way

  const attendeeContext = await browser.newContext();
  const attendeeCsp = await recordCspViolations(attendeeContext);
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto(TALK);
  const player = attendee.getByRole("region", { name: /Video player/ });
  await expect(player.getByText("LIVE", { exact: true })).toBeVisible({ timeout: 20_000 });

  // It plays: the position advances.
  await expect.poll(async () => (await videoState(attendee)).currentTime, { timeout: 30_000 }).toBeGreaterThan(1);
  const first = (await videoState(attendee)).currentTime;
  await expect.poll(async () => (await videoState(attendee)).currentTime, { timeout: 15_000 }).toBeGreaterThan(first + 1);

  // Chat during the talk is stamped with its place on the media timeline (replayed below).
  await attendee.waitForTimeout(Math.max(0, 7_000 - (Date.now() - wentLiveAt)));
  const stamp = Date.now().toString(36);
  const chat = attendee.getByRole("region", { name: "Talk chat" });
  await chat.getByRole("textbox", { name: "Message" }).fill(`said live ${stamp}`);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("list", { name: "Chat messages" }).getByText(`said live ${stamp}`)).toBeVisible();

  // Let the talk run a little, then scrub back to the start while it is live.
  await attendee.waitForTimeout(Math.max(0, 14_000 - (Date.now() - wentLiveAt)));
  const seek = player.getByRole("slider", { name: "Seek" });
  await seek.focus();
  await seek.press("Home");
  await expect.poll(async () => (await videoState(attendee)).currentTime, { timeout: 10_000 }).toBeLessThan(4);
  const jump = player.getByRole("button", { name: "Jump to live" });
  await expect(jump).toBeEnabled();
  await expect.poll(async () => (await videoState(attendee)).paused).toBe(false);
  await jump.click();
  await expect
    .poll(
      async () => {
        const s = await videoState(attendee);
        return s.edge - s.currentTime;
      },
      { timeout: 10_000 },
    )
    .toBeLessThan(8);

  // Keyboard: space pauses.
  await player.focus();
  await attendee.keyboard.press(" ");
  await expect.poll(async () => (await videoState(attendee)).paused).toBe(true);
  await attendee.keyboard.press(" ");
  await expect.poll(async () => (await videoState(attendee)).paused).toBe(false);

  // The speaker ends the talk: the attendee's page turns into the replay without a reload.
  // The replay holds the whole talk: at least from "On air" to the click on End talk (less the
  // last segment being closed), and never more than the time between Go live and Ended. Both
  // bounds are measured around the events, so a slow machine moves them alike.
  const endClickedAt = Date.now();
  await studio.getByRole("button", { name: "End talk" }).click();
  await expect(studio.getByText("Ended", { exact: true })).toBeVisible({ timeout: 15_000 });
  const endedAt = Date.now();
  await expect(player.getByText("LIVE", { exact: true })).toBeHidden({ timeout: 15_000 });
  await expect.poll(async () => (await videoState(attendee)).duration, { timeout: 15_000 }).toBeGreaterThan((endClickedAt - onAirAt) / 1000 - 4);
  const replay = await videoState(attendee);
  expect(replay.duration).toBeLessThan((endedAt - wentLiveAt) / 1000 + 1.5);

  // The replay can be watched from the start.
  await seek.focus();
  await seek.press("Home");
  await expect.poll(async () => (await videoState(attendee)).currentTime, { timeout: 10_000 }).toBeLessThan(3);

  // The player drives the chat replay: at the start the message is not said yet; past it, it is.
  const chatReplay = chat.getByRole("list", { name: "Chat replay" });
  await expect(chat.getByText(/Chat replay at/)).toBeVisible();
  await expect(chatReplay.getByText(`said live ${stamp}`)).toHaveCount(0);
  await seek.press("End");
  await expect(chatReplay.getByText(`said live ${stamp}`)).toBeVisible();

  // The studio (camera, blob worker, socket.io) and the player (hls.js, MediaSource blobs, HLS from
  // the realtime server) ran under the Content-Security-Policy without being refused anything.
  expect(speakerCsp()).toEqual([]);
  expect(attendeeCsp()).toEqual([]);

  await speakerContext.close();
  await attendeeContext.close();
});

test("a link to a moment opens the replay at that moment", async ({ browser }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.attendee);
  await page.goto(`${TALK}?t=9`);
  const player = page.getByRole("region", { name: /Video player/ });
  // It starts at 9 s, not at 0 and not at the end: the first position seen past 9 is near 9.
  let seen = 0;
  await expect.poll(async () => (seen = (await videoState(page)).currentTime), { timeout: 20_000 }).toBeGreaterThanOrEqual(9);
  expect(seen).toBeLessThan(14);
  await player.getByRole("button", { name: "Copy link to this moment" }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/talks\/live-video-at-the-edge\?t=(9|1\d)$/);
  await context.close();
});
