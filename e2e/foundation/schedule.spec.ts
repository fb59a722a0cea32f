import { test, expect, type Browser } from "@playwright/test";

async function firstTalkTime(browser: Browser, timezoneId: string) {
  const context = await browser.newContext({ timezoneId });
  const page = await context.newPage();
  await page.goto("/plenary-summit/schedule");
  const time = page.locator("article time").first();
  // Hydrated: the client re-renders times in the viewer's zone.
  await expect(time).toHaveAttribute("data-zone", timezoneId);
  return { context, page, time, text: await time.innerText() };
}

test("the schedule shows times in each viewer's own zone, and the toggle switches to the conference's", async ({ browser }) => {
  // Zones the demo conference never takes (prisma/seed.ts picks where it is early afternoon when
  // seeded: around 20:00 UTC that is Los Angeles, and "My time" then names no zone of its own).
  const anchorage = await firstTalkTime(browser, "America/Anchorage");
  const dubai = await firstTalkTime(browser, "Asia/Dubai");
  expect(anchorage.text).not.toBe(dubai.text);
  await expect(anchorage.page.getByRole("button", { name: /My time \(America\/Anchorage\)/ })).toHaveAttribute("aria-pressed", "true");

  for (const viewer of [anchorage, dubai]) {
    await viewer.page.getByRole("button", { name: /Conference time/ }).click();
    await expect(viewer.page.getByRole("button", { name: /Conference time/ })).toHaveAttribute("aria-pressed", "true");
  }
  const conferenceZone = await anchorage.time.getAttribute("data-zone");
  expect(conferenceZone).not.toBe("America/Anchorage");
  await expect(dubai.time).toHaveAttribute("data-zone", conferenceZone!);
  expect(await anchorage.time.innerText()).toBe(await dubai.time.innerText());

  // The choice sticks across pages.
  await anchorage.page.getByRole("link", { name: "Keynotes" }).click();
  await expect(anchorage.page.locator("article time").first()).toHaveAttribute("data-zone", conferenceZone!);
  await anchorage.context.close();
  await dubai.context.close();
});

test("the schedule has days, stages, track filters and a live-now marker", async ({ page }) => {
  await page.goto("/plenary-summit/schedule");
  await expect(page.getByRole("navigation", { name: "Conference days" }).getByRole("link")).toHaveCount(2);
  await expect(page.getByRole("heading", { name: "Main Stage" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Studio B" })).toBeVisible();
  await expect(
    page
      .locator("article")
      .filter({ has: page.getByText("Now", { exact: true }) })
      .first(),
  ).toBeVisible();
  await page.getByRole("navigation", { name: "Filter by track" }).getByRole("link", { name: "Frontend" }).click();
  await expect(page).toHaveURL(/track=frontend/);
  await expect(page.getByRole("article", { name: /Postgres is your queue/ })).toHaveCount(0);
  // A stage with nothing that day (in that track) is not shown at all.
  const stages = page.getByRole("main").getByRole("region");
  await expect(stages.first()).toBeVisible();
  for (const stage of await stages.all()) await expect(stage.getByRole("article").first()).toBeVisible();
  await expect(page.getByText("Nothing on this stage.")).toHaveCount(0);
});

test("the time grid puts stages side by side with a now-line, and scrolls sideways on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/plenary-summit/schedule");
  await page.getByRole("navigation", { name: "Schedule view" }).getByRole("link", { name: "Time grid" }).click();
  await expect(page).toHaveURL(/view=grid/);
  await expect(page.getByRole("navigation", { name: "Schedule view" }).getByRole("link", { name: "Time grid" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const mainStage = page.getByRole("region", { name: "Main Stage" });
  const studio = page.getByRole("region", { name: "Studio B" });
  await expect(mainStage.getByRole("link").first()).toBeVisible();
  await expect(studio.getByRole("link").first()).toBeAttached();
  // Stages are columns: Studio B starts to the right of Main Stage, at the same height.
  const [a, b] = [(await mainStage.boundingBox())!, (await studio.boundingBox())!];
  expect(b.x).toBeGreaterThan(a.x);
  expect(Math.abs(b.y - a.y)).toBeLessThan(2);
  // The demo runs today, so the day shown has a now-line.
  await expect(page.getByText(/^Now: \d{2}:\d{2}$/)).toBeAttached();
  // A phone scrolls the grid sideways instead of squeezing the stages.
  const scroller = page.locator("main .overflow-x-auto").first();
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  // Talks are links, reached with the keyboard.
  await mainStage.getByRole("link").first().focus();
  await expect(mainStage.getByRole("link").first()).toBeFocused();
  await context.close();
});

test("a talk page shows its title, speakers, time and player and chat areas; unknown slugs are a real 404", async ({ page }) => {
  await page.goto("/plenary-summit/schedule");
  await page.getByRole("link", { name: "Live video at the edge, seconds not minutes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Live video at the edge, seconds not minutes" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sam Speaker" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Video player" })).toBeVisible();
  await expect(page.getByRole("complementary")).toBeVisible();

  const response = await page.goto("/plenary-summit/talks/no-such-talk");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  expect((await page.goto("/plenary-summit/speakers/nobody"))?.status()).toBe(404);
});

test("calendar feeds download as text/calendar", async ({ request }) => {
  const res = await request.get("/plenary-summit/calendar/schedule.ics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/calendar");
  expect(await res.text()).toContain("BEGIN:VEVENT");
  expect((await request.get("/plenary-summit/calendar/agenda/not-a-real-token-xxxxxxxxxxxx.ics")).status()).toBe(404);
});
