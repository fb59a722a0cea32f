import { test, expect } from "@playwright/test";
import { confirmEmail, followMailedLink, signIn, signUp } from "../support/accounts";

// Account mail the way people meet it. The e2e app runs like `npm start` on a machine without
// SMTP_URL, so the mails wait in the dev mailbox page; the links in them are the real ones.

test("a new account is asked to confirm its address, can't get a ticket until it does, and confirms it from the mailed link", async ({ page }) => {
  const email = await signUp(page, "Cora Confirm");
  const banner = page.getByRole("region", { name: "Confirm your email address." });
  await expect(banner).toContainText(email);

  // Tickets wait for the confirmed address; the message says what to do.
  await page.goto("/plenary-summit/tickets");
  await page.getByRole("radio", { name: /General admission/ }).check();
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page.getByText(/Confirm your email address before getting a ticket/)).toBeVisible();

  // "Send the link again" mails a second one.
  await banner.getByRole("button", { name: "Send the link again" }).click();
  await expect(banner.getByRole("status")).toHaveText(`Sent. Check the inbox of ${email}.`);
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole("article", { name: /Confirm your email address/ })).toHaveCount(2);

  await confirmEmail(page, email);
  await expect(page.getByRole("region", { name: "Confirm your email address." })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Confirm your email address." })).toHaveCount(0);
});

test("signing up from a conference's page: the mail names that conference, and its link leads back there", async ({ page }) => {
  await page.goto("/plenary-summit");
  await page.getByRole("banner").getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Fplenary-summit$/);
  const email = `conference-visitor-${Date.now()}@example.test`;
  await page.getByLabel("Name").fill("Vera Visitor");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/plenary-summit$/);

  await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  await expect(page.getByRole("article", { name: "Confirm your email address for Plenary Summit" })).toBeVisible();
  await confirmEmail(page, email);
  await expect(page.getByRole("link", { name: "Continue to the conference" })).toHaveAttribute("href", "/plenary-summit");
});

test("forgot password: the mailed link sets a new password; the old one stops working", async ({ page }) => {
  const email = await signUp(page, "Pat Forgetful", "the-old-password");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(
    `If an account uses ${email}, a link to choose a new password is on its way`,
  );

  await followMailedLink(page, email, /Reset your .* password/);
  await expect(page).toHaveURL(/\/reset-password\?token=/);
  await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password");
  await page.getByLabel("Repeat the new password").fill("something-else");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The two passwords differ")).toBeVisible();
  await page.getByLabel("Repeat the new password").fill("a-brand-new-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("Your password is changed");

  // The same link a second time: spent.
  await page.reload();
  await page.getByLabel("New password", { exact: true }).fill("yet-another-password");
  await page.getByLabel("Repeat the new password").fill("yet-another-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("This link has expired or was already used.");

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("the-old-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await signIn(page, email, "a-brand-new-password");
  // Resetting through the mailed link proved the address too.
  await expect(page.getByRole("region", { name: "Confirm your email address." })).toHaveCount(0);
});
