import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";

// Sam Speaker presents this seeded talk on day two: long before its go-live window.
const TALK = "/plenary-summit/talks/realtime-chat-at-scale";

test("a speaker tests their stream privately days before the slot, attendees see nothing, and the test is thrown away", async ({ browser }) => {
  test.setTimeout(120_000);
  const speakerContext = await browser.newContext();
  const speaker = await speakerContext.newPage();
  await signIn(speaker, ACCOUNTS.speaker);
  await speaker.goto(TALK);
  const studio = speaker.getByRole("region", { name: "Speaker studio" });
  await expect(studio).toBeVisible();

  // Going public waits for the window; the reason is on the page.
  await expect(studio.getByText(/You can go live from 15 minutes before your slot/)).toBeVisible();
  await expect(studio.getByRole("button", { name: "Go live" })).toBeDisabled();
  const testButton = studio.getByRole("button", { name: "Test stream (private)" });
  await expect(testButton).toBeEnabled({ timeout: 20_000 });
  await testButton.click();
  await expect(studio.getByText(/Private test ·/)).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => Number(await studio.getByTestId("studio-segments").textContent()), { timeout: 30_000 }).toBeGreaterThan(1);

  // An attendee sees a scheduled talk: nothing live, nothing to play.
  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto(TALK);
  const player = attendee.getByRole("region", { name: /Video player/ });
  await expect(player).toBeVisible();
  await expect(player.getByText("The stream appears here when the talk starts")).toBeVisible();
  await expect(player.getByText("LIVE", { exact: true })).toHaveCount(0);

  await studio.getByRole("button", { name: "Discard test" }).click();
  await expect(studio.getByText("Off air", { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(testButton).toBeEnabled();
  await expect(player.getByText("LIVE", { exact: true })).toHaveCount(0);

  await speakerContext.close();
  await attendeeContext.close();
});
