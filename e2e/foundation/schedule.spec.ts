import { test, expect, type Browser } from "@playwright/test";

async function firstTalkTime(browser: Browser, timezoneId: string) {
  const context = await browser.newContext({ timezoneId });
  const page = await context.newPage();
  await page.goto("/schedule");
  const time = page.locator("article time").first();
  // Hydrated: the client re-renders times in the viewer's zone.
  await expect(time).toHaveAttribute("data-zone", timezoneId);
  return { context, page, time, text: await time.innerText() };
}

test("the schedule shows times in each viewer's own zone, and the toggle switches to the conference's", async ({ browser }) => {
  const la = await firstTalkTime(browser, "America/Los_Angeles");
  const tokyo = await firstTalkTime(browser, "Asia/Tokyo");
  expect(la.text).not.toBe(tokyo.text);
  await expect(la.page.getByRole("button", { name: /My time \(America\/Los_Angeles\)/ })).toHaveAttribute("aria-pressed", "true");

  for (const viewer of [la, tokyo]) {
    await viewer.page.getByRole("button", { name: /Conference time/ }).click();
    await expect(viewer.page.getByRole("button", { name: /Conference time/ })).toHaveAttribute("aria-pressed", "true");
  }
  const conferenceZone = await la.time.getAttribute("data-zone");
  expect(conferenceZone).not.toBe("America/Los_Angeles");
  await expect(tokyo.time).toHaveAttribute("data-zone", conferenceZone!);
  expect(await la.time.innerText()).toBe(await tokyo.time.innerText());

  // The choice sticks across pages.
  await la.page.getByRole("link", { name: "Keynotes" }).click();
  await expect(la.page.locator("article time").first()).toHaveAttribute("data-zone", conferenceZone!);
  await la.context.close();
  await tokyo.context.close();
});

test("the schedule has days, stages, track filters and a live-now marker", async ({ page }) => {
  await page.goto("/schedule");
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
});

test("a talk page shows its title, speakers, time and player and chat areas; unknown slugs are a real 404", async ({ page }) => {
  await page.goto("/schedule");
  await page.getByRole("link", { name: "Live video at the edge, seconds not minutes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Live video at the edge, seconds not minutes" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sam Speaker" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Video player" })).toBeVisible();
  await expect(page.getByRole("complementary")).toBeVisible();

  const response = await page.goto("/talks/no-such-talk");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We could not find that page" })).toBeVisible();
  expect((await page.goto("/speakers/nobody"))?.status()).toBe(404);
});

test("calendar feeds download as text/calendar", async ({ request }) => {
  const res = await request.get("/calendar/schedule.ics");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/calendar");
  expect(await res.text()).toContain("BEGIN:VEVENT");
  expect((await request.get("/calendar/agenda/not-a-real-token-xxxxxxxxxxxx.ics")).status()).toBe(404);
});
