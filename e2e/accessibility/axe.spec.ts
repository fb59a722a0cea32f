import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ACCOUNTS, signInOnce } from "../support/accounts";

// The main pages of each kind of visitor hold zero WCAG 2.1 A/AA violations that axe can find:
// contrast, labels, roles, landmarks. A failure lists each rule with the elements it hit.

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main h1").first()).toBeVisible();
  // Hydrated and settled: client components render their final markup (times, forms) first.
  await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => {});
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const report = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n` +
      v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ")}`).join("\n"),
  );
  expect(report, `axe violations on ${path}`).toEqual([]);
}

const publicPages = [
  "/",
  "/plenary-summit",
  "/plenary-summit-2025/schedule",
  "/plenary-summit/schedule",
  "/plenary-summit/schedule?view=grid",
  "/plenary-summit/talks/opening-keynote",
  "/plenary-summit/talks/live-video-at-the-edge",
  "/plenary-summit/speakers",
  "/plenary-summit/speakers/amara-okafor",
  "/plenary-summit/keynotes",
  "/plenary-summit/tickets",
  "/sign-in",
  "/sign-up",
  "/forgot-password",
  "/reset-password?token=from-the-mail",
  "/reset-password?error=INVALID_TOKEN",
  "/verify-email?error=TOKEN_EXPIRED",
  "/dev/mailbox",
];

test.describe("a visitor who is not signed in", () => {
  for (const path of publicPages) {
    test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await expectNoViolations(page, path);
    });
  }
});

test.describe("the demo attendee", () => {
  for (const path of [
    "/",
    "/plenary-summit/agenda",
    "/plenary-summit/tickets/mine",
    "/plenary-summit/tickets",
    "/plenary-summit/talks/live-video-at-the-edge",
  ]) {
    test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await signInOnce(page, ACCOUNTS.attendee);
      await expectNoViolations(page, path);
    });
  }
});

test.describe("the demo organizer", () => {
  const adminPages = [
    "/plenary-summit/admin",
    "/plenary-summit/admin/schedule",
    "/plenary-summit/admin/schedule/new",
    "/plenary-summit/admin/speakers",
    "/plenary-summit/admin/speakers/new",
    "/plenary-summit/admin/stages",
    "/plenary-summit/admin/registrations",
    "/plenary-summit/admin/registrations?view=orders",
    "/plenary-summit/admin/tickets",
    "/plenary-summit/admin/import",
  ];
  for (const path of adminPages) {
    test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
      await signInOnce(page, ACCOUNTS.organizer);
      await expectNoViolations(page, path);
    });
  }

  test("a talk's and a speaker's edit pages have no WCAG 2.1 AA violations", async ({ page }) => {
    await signInOnce(page, ACCOUNTS.organizer);
    await page.goto("/plenary-summit/admin/schedule");
    const talkEdit = await page.locator('main a[href^="/plenary-summit/admin/schedule/"]:not([href$="/new"])').first().getAttribute("href");
    await page.goto("/plenary-summit/admin/speakers");
    const speakerEdit = await page.locator('main a[href^="/plenary-summit/admin/speakers/"]:not([href$="/new"])').first().getAttribute("href");
    expect(talkEdit).toBeTruthy();
    expect(speakerEdit).toBeTruthy();
    await expectNoViolations(page, talkEdit!);
    await expectNoViolations(page, speakerEdit!);
  });
});
