import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";
import { e2eDatabase } from "./e2e-database";

// Alex Attendee has a ticket; Olga is an organizer (moderates everywhere).
const TALK = "/plenary-summit/talks/live-video-at-the-edge";

const chatOf = (page: Page) => page.getByRole("region", { name: "Talk chat" });

async function send(page: Page, text: string) {
  const chat = chatOf(page);
  await chat.getByRole("textbox", { name: "Message" }).fill(text);
  await chat.getByRole("button", { name: "Send" }).click();
}

test("two people chat on a talk page; a moderator deletes a message and it vanishes for the other", async ({ browser }) => {
  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto(TALK);

  const organizerContext = await browser.newContext();
  const organizer = await organizerContext.newPage();
  await signIn(organizer, ACCOUNTS.organizer);
  await organizer.goto(TALK);

  const stamp = Date.now().toString(36);
  await expect(chatOf(attendee).getByRole("textbox", { name: "Message" })).toBeVisible();
  await send(attendee, `Hello from the audience ${stamp}`);
  const organizerList = chatOf(organizer).getByRole("list", { name: "Chat messages" });
  const attendeeList = chatOf(attendee).getByRole("list", { name: "Chat messages" });
  await expect(organizerList.getByText(`Hello from the audience ${stamp}`)).toBeVisible();

  await send(organizer, `Welcome everyone ${stamp}`);
  const welcome = attendeeList.getByRole("listitem").filter({ hasText: `Welcome everyone ${stamp}` });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByText("Organizer", { exact: true })).toBeVisible();

  // HTML is shown as text, never run.
  const xss = `<img src=x onerror="window.__pwned=1"> ${stamp}`;
  await send(attendee, xss);
  await expect(organizerList.getByText(xss)).toBeVisible();
  expect(await organizerList.locator("img").count()).toBe(0);
  expect(await organizer.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // The organizer removes the first message; it disappears from the attendee's screen.
  const target = organizerList.getByRole("listitem").filter({ hasText: `Hello from the audience ${stamp}` });
  await target.hover();
  await target.getByRole("button", { name: /Moderate .* message/ }).click();
  await target.getByRole("menuitem", { name: "Delete message" }).click();
  await expect(attendeeList.getByText(`Hello from the audience ${stamp}`)).toHaveCount(0);
  await expect(organizerList.getByText(`Hello from the audience ${stamp}`)).toHaveCount(0);
  // The other messages stay.
  await expect(attendeeList.getByText(`Welcome everyone ${stamp}`)).toBeVisible();

  // Both are counted as watching.
  await expect(chatOf(attendee).getByTestId("watching-count")).toHaveText(/^[2-9]\d* watching$/, { timeout: 15_000 });

  await attendeeContext.close();
  await organizerContext.close();
});

test("chat replay shows the messages that had been sent at the position the viewer seeks to", async ({ page }) => {
  const db = await e2eDatabase();
  const slug = "design-tokens-in-practice";
  const stamp = Date.now().toString(36);
  const {
    rows: [talk],
  } = await db.query(`SELECT id, "conferenceId" FROM "Talk" WHERE slug = $1`, [slug]);
  const {
    rows: [user],
  } = await db.query(`SELECT id FROM "user" WHERE email = $1`, [ACCOUNTS.attendee]);
  for (const [offset, body] of [
    [5_000, "early"],
    [65_000, "middle"],
    [125_000, "late"],
  ] as const) {
    await db.query(`INSERT INTO "ChatMessage" ("conferenceId", "talkId", "userId", body, "mediaOffsetMs") VALUES ($1, $2, $3, $4, $5)`, [
      talk.conferenceId,
      talk.id,
      user.id,
      `replay ${body} ${stamp}`,
      offset,
    ]);
  }
  await db.end();

  await signIn(page, ACCOUNTS.attendee);
  await page.goto(`/plenary-summit/talks/${slug}`);
  const chat = chatOf(page);
  await expect(chat.getByRole("textbox", { name: "Message" })).toBeVisible();
  // Live chat shows all three.
  await expect(chat.getByRole("list", { name: "Chat messages" }).getByText(`replay late ${stamp}`)).toBeVisible();

  // The player reports its position (what the video player dispatches on timeupdate/seek).
  const seek = (positionMs: number) =>
    page.evaluate(
      ({ talkId, positionMs }) => window.dispatchEvent(new CustomEvent("plenary:playback", { detail: { talkId, positionMs, live: false } })),
      { talkId: talk.id, positionMs },
    );
  await seek(70_000);
  const replay = chat.getByRole("list", { name: "Chat replay" });
  await expect(chat.getByText(/Chat replay at/)).toBeVisible();
  await expect(chat.getByTestId("replay-position")).toHaveText("01:10");
  await expect(replay.getByText(`replay early ${stamp}`)).toBeVisible();
  await expect(replay.getByText(`replay middle ${stamp}`)).toBeVisible();
  await expect(replay.getByText(`replay late ${stamp}`)).toHaveCount(0);

  await seek(2_000);
  await expect(replay.getByText(`replay early ${stamp}`)).toHaveCount(0);

  await seek(130_000);
  await expect(replay.getByText(`replay late ${stamp}`)).toBeVisible();
  await expect(replay.getByText(`replay early ${stamp}`)).toBeVisible();

  // Back at the live edge the full chat returns.
  await page.evaluate(
    (talkId) => window.dispatchEvent(new CustomEvent("plenary:playback", { detail: { talkId, positionMs: 200_000, live: true } })),
    talk.id,
  );
  await expect(chat.getByRole("list", { name: "Chat messages" })).toBeVisible();
});

test("autoscroll follows new messages, pauses when the reader scrolls up, and offers the new ones", async ({ browser }) => {
  // 28 messages typed and sent through the page: ~50 s on a loaded machine, over 3 minutes on an
  // overloaded one (each send waits for its ack); the default 60 s would be a budget.
  test.setTimeout(360_000);
  const talk = "/plenary-summit/talks/postgres-is-your-queue";
  const attendeeContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await attendee.goto(talk);
  const organizerContext = await browser.newContext();
  const organizer = await organizerContext.newPage();
  await signIn(organizer, ACCOUNTS.organizer);
  await organizer.goto(talk);

  const stamp = Date.now().toString(36);
  const list = chatOf(attendee).getByRole("list", { name: "Chat messages" });
  await expect(chatOf(attendee).getByRole("textbox", { name: "Message" })).toBeVisible();
  // Bring the whole (sticky) chat column on screen.
  await attendee.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // Organizers are exempt from the rate limit, so they can fill the room quickly.
  for (let i = 1; i <= 25; i++) await send(organizer, `line ${i} ${stamp}`);
  await expect(list.getByText(`line 25 ${stamp}`)).toBeInViewport();

  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await list.dispatchEvent("scroll");
  for (let i = 26; i <= 28; i++) await send(organizer, `line ${i} ${stamp}`);
  const jump = chatOf(attendee).getByRole("button", { name: /3 new messages/ });
  await expect(jump).toBeVisible();
  await expect(list.getByText(`line 28 ${stamp}`)).not.toBeInViewport();
  await jump.click();
  await expect(list.getByText(`line 28 ${stamp}`)).toBeInViewport();
  await expect(jump).toHaveCount(0);

  await attendeeContext.close();
  await organizerContext.close();
});
