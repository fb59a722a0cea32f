import { expect, test } from "@playwright/test";
import { ACCOUNTS, PASSWORD } from "../support/accounts";

// The sign-in and sign-up forms before their JavaScript runs (slow device, JavaScript off): the
// browser posts them itself. Issue 10: they were GET forms, so the password landed in the address,
// the history and proxy logs.

test("signing in with JavaScript off: a POST, no password in any address, signed in and sent on to next", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on("request", (request) => requested.push(`${request.method()} ${request.url()}`));

  await page.goto("/sign-in?next=/agenda");
  await page.getByLabel("Email").fill(ACCOUNTS.attendee);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  // /agenda sends visitors to /sign-in: being there means the session cookie was set.
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.getByRole("heading", { name: /agenda/i }).first()).toBeVisible();
  expect(requested.some((r) => r.startsWith("POST ") && r.endsWith("/api/account/sign-in"))).toBe(true);
  for (const r of requested) {
    expect(r).not.toContain(encodeURIComponent(PASSWORD));
    expect(r).not.toContain("password=");
  }
  await context.close();
});

test("with JavaScript off, a wrong password comes back to the form with a message, the password nowhere in the address", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ACCOUNTS.attendee);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=credentials$/);
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  expect(page.url()).not.toContain("not-the-password");
  await context.close();
});

test("signing up with JavaScript off creates the account and signs in", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = `nojs-${Date.now()}@example.test`;
  await page.goto("/sign-up?next=/agenda");
  await page.getByLabel("Name").fill("Noa No-Script");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/agenda$/);
  await expect(page.getByText("Noa No-Script").first()).toBeVisible();
  expect(page.url()).not.toContain("a-good-password");
  await context.close();
});
