import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";

// Alex Attendee has a ticket; the talk is not public, so a signed-out visitor cannot chat there.
// No other spec ends or replays it (an ended talk's chat is a replay, without a composer).
const TALK = "/plenary-summit/talks/webrtc-vs-hls";

const composerOf = (page: Page) => page.getByRole("region", { name: "Talk chat" }).getByRole("textbox", { name: "Message" });

test("signing out in another tab stops this tab's chat from sending as that account", async ({ browser }) => {
  const context = await browser.newContext();
  const talkTab = await context.newPage();
  // No cross-tab message for this tab: what must stop it is the server dropping the socket of the
  // ended session (the tab reconnects with the cookie it has now, which is none).
  await talkTab.addInitScript(() => {
    delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
  });
  await signIn(talkTab, ACCOUNTS.attendee);
  await talkTab.goto(TALK);
  await expect(composerOf(talkTab)).toBeVisible();

  const otherTab = await context.newPage();
  await otherTab.goto("/");
  await otherTab.getByRole("button", { name: "Sign out" }).click();
  await expect(otherTab.getByRole("link", { name: "Sign in" })).toBeVisible();

  // The chat closes for the signed-out account without reloading this tab.
  await expect(composerOf(talkTab)).toHaveCount(0, { timeout: 20_000 });
  await expect(
    talkTab
      .getByRole("region", { name: "Talk chat" })
      .getByText(/sign in/i)
      .first(),
  ).toBeVisible();
  await context.close();
});

test("another account signing in in one tab moves the other tabs' sockets to it", async ({ browser }) => {
  const context = await browser.newContext();
  const talkTab = await context.newPage();
  await signIn(talkTab, ACCOUNTS.attendee);
  await talkTab.goto(TALK);
  await expect(composerOf(talkTab)).toBeVisible();

  const otherTab = await context.newPage();
  await otherTab.goto("/");
  await otherTab.getByRole("button", { name: "Sign out" }).click();
  await signIn(otherTab, ACCOUNTS.organizer);

  // The talk tab follows: its page and its socket now speak for the organizer.
  const stamp = `switched ${Date.now().toString(36)}`;
  const chat = talkTab.getByRole("region", { name: "Talk chat" });
  await expect(talkTab.getByRole("banner").getByText("Olivia Organizer")).toBeVisible({ timeout: 20_000 });
  await expect(composerOf(talkTab)).toBeVisible();
  await composerOf(talkTab).fill(stamp);
  await chat.getByRole("button", { name: "Send" }).click();
  const mine = chat.getByRole("listitem").filter({ hasText: stamp });
  await expect(mine).toBeVisible();
  await expect(mine.getByText("Organizer", { exact: true })).toBeVisible();
  await context.close();
});
