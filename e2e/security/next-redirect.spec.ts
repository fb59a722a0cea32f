import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, PASSWORD } from "../support/accounts";
import { waitForHydration } from "../support/hydration";

// Issue 10: /sign-in?next=/%5Cevil.example/x (and /%09/evil.example) sent people off-site after
// signing in. Any navigation away from this app is recorded, then refused.

async function signInWithNext(page: Page, next: string) {
  const offSite: string[] = [];
  await page.route(
    (url) => url.hostname.endsWith("evil.example"),
    async (route) => {
      offSite.push(route.request().url());
      await route.abort();
    },
  );
  await page.goto(`/sign-in?next=${next}`);
  const form = page.locator("form").filter({ has: page.getByLabel("Password") });
  await waitForHydration(form);
  await page.getByLabel("Email").fill(ACCOUNTS.attendee);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return offSite;
}

for (const next of ["/%5Cevil.example/x", "/%09/evil.example", "//evil.example/x"]) {
  test(`signing in with ?next=${next} stays on this site`, async ({ page, baseURL }) => {
    const offSite = await signInWithNext(page, next);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(offSite).toEqual([]);
  });
}

test("a next path on this site is honoured", async ({ page }) => {
  await signInWithNext(page, "/plenary-summit/agenda");
  await expect(page).toHaveURL(/\/agenda$/);
});
