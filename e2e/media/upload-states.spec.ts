import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { getFfmpegPath } from "../../server/media/ffmpeg/ffmpeg-path";
import { ACCOUNTS, signIn } from "../support/accounts";

// Sam Speaker presents this seeded day-two talk (SCHEDULED): a pre-recorded video premieres there.
const TALK = "/plenary-summit/talks/realtime-chat-at-scale";
const shots = process.env.E2E_SCREENSHOTS;

/** A short MP4 as editors export it (index at the end), and the same file cut in half. */
function makeVideos() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-e2e-upload-"));
  const whole = path.join(dir, "talk.mp4");
  const made = spawnSync(getFfmpegPath(), [
    "-hide_banner",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc=size=320x180:rate=25",
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:sample_rate=48000",
    "-t",
    "6",
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    whole,
  ]);
  expect(made.status).toBe(0);
  const cut = path.join(dir, "talk-cut-short.mp4");
  const bytes = fs.readFileSync(whole);
  fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
  return { whole, cut };
}

test("the speaker, the organizer and attendees see an upload fail with its reason, then get ready", async ({ browser }) => {
  // Two ffmpeg transcodes and several pages: minutes when the machine is busy.
  test.setTimeout(300_000);
  const videos = makeVideos();
  const speakerContext = await browser.newContext();
  const speaker = await speakerContext.newPage();
  await signIn(speaker, ACCOUNTS.speaker);
  await speaker.goto(TALK);
  const studio = speaker.getByRole("region", { name: "Speaker studio" });
  await studio.getByText("Stream from OBS or upload a recording instead").click();
  const panel = studio.getByRole("region", { name: "Upload a recording" });
  await panel.getByLabel("Video file").setInputFiles(videos.cut);
  const uploadRequest = speaker.waitForRequest(/\/media\/talks\/[^/]+\/upload/);
  await panel.getByRole("button", { name: "Upload video" }).click();
  const talkId = new URL((await uploadRequest).url()).pathname.split("/")[3]!;

  // Failed, with the reason, pushed to the open page (no reload).
  const failed = panel.getByRole("alert", { name: "Video processing failed" });
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed).toContainText(/The file is incomplete/);
  await expect(speaker.getByText("being processed")).toHaveCount(0);
  if (shots) await panel.screenshot({ path: path.join(shots, "upload-failed.png") });

  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto(TALK);
  await expect(attendee.getByText("This pre-recorded talk cannot be played")).toBeVisible();

  const organizerContext = await browser.newContext();
  const organizer = await organizerContext.newPage();
  await signIn(organizer, ACCOUNTS.organizer);
  await organizer.goto(`/plenary-summit/admin/schedule/${talkId}`);
  const video = organizer.getByRole("region", { name: "Video" });
  await expect(video.getByRole("alert", { name: "Video processing failed" })).toContainText(/The file is incomplete/);

  // A good file replaces it: processing, then attached, on every open page.
  await panel.getByLabel("Video file").setInputFiles(videos.whole);
  await panel.getByRole("button", { name: "Upload video" }).click();
  const ready = panel.getByRole("status", { name: "Video ready" });
  await expect(ready).toBeVisible({ timeout: 120_000 });
  await expect(ready).toContainText("Video attached");
  await expect(ready).toContainText("Uploading another video replaces this one");
  await expect(panel.getByRole("button", { name: "Replace video" })).toBeVisible();
  if (shots) await panel.screenshot({ path: path.join(shots, "upload-ready.png") });
  await expect(video.getByRole("status", { name: "Video ready" })).toContainText("Video attached");
  if (shots) await video.screenshot({ path: path.join(shots, "editor-video-ready.png") });
  await expect(attendee.getByText("Premieres at the scheduled start")).toBeVisible();

  await Promise.all([speakerContext.close(), attendeeContext.close(), organizerContext.close()]);
  fs.rmSync(path.dirname(videos.whole), { recursive: true, force: true });
});
