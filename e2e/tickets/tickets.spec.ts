import { test, expect } from "@playwright/test";
import { ACCOUNTS, confirmEmail, signIn, signUp } from "../support/accounts";

// Tickets the way people use them: an organizer sets up a talk and a discount code, an attendee
// registers with the code (typed in lower case) and sees the discounted price, the organizer
// confirms the payment, and the admin area stays shut for attendees.

test("an organizer creates a talk and a discount code; an attendee registers with it at the discounted price", async ({ page, browser }) => {
  const code = `HALF${Date.now() % 1_000_000}`;

  // The organizer adds a talk...
  await signIn(page, ACCOUNTS.organizer);
  await page.goto("/plenary-summit/admin/schedule");
  await page.getByRole("link", { name: "New talk" }).click();
  await page.getByLabel("Title").fill("Selling out, safely");
  await page.getByRole("button", { name: "Create talk" }).click();
  await expect(page.getByText("Talk created")).toBeVisible();

  // ...and a 50% code, first with a mistake the form points at.
  await page.goto("/plenary-summit/admin/tickets");
  const form = page.getByRole("form", { name: "New discount code" });
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Percent off").fill("150");
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(form.getByText("A percentage is between 1 and 100")).toBeVisible();
  await form.getByLabel("Percent off").fill("50");
  await form.getByLabel("Max redemptions").fill("5");
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(form.getByText(`Created code ${code}.`)).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(code) });
  await expect(row).toContainText("50% off");
  await expect(row).toContainText("0 / 5");

  // A new attendee registers with the code, typed in lower case.
  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  const email = await signUp(attendee, "Nora Newcomer");
  // Tickets go to confirmed addresses only.
  await confirmEmail(attendee, email);
  await attendee.goto("/plenary-summit/tickets");
  await attendee.getByRole("radio", { name: /General admission/ }).check();
  await expect(attendee.getByTestId("order-total")).toHaveText("€149.00");
  await attendee.getByLabel("Discount code").fill("nope-nope");
  await attendee.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(attendee.getByText("This discount code does not exist")).toBeVisible();
  await attendee.getByLabel("Discount code").fill(code.toLowerCase());
  await attendee.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(attendee.getByTestId("order-total")).toHaveText("€74.50");
  await expect(attendee.getByText("−€74.50")).toBeVisible();
  await attendee.getByRole("button", { name: "Check out" }).click();
  await expect(attendee).toHaveURL(/\/tickets\/mine\?order=/);
  await expect(attendee.getByText("awaits payment confirmation")).toBeVisible();
  await expect(attendee.getByText("Awaiting payment")).toBeVisible();

  // No Stripe keys in this deployment: the organizer confirms the payment.
  await page.goto(`/plenary-summit/admin/registrations?view=orders&q=${encodeURIComponent(email)}`);
  await expect(page.getByText("1 order")).toBeVisible();
  await page.getByRole("button", { name: /Mark order .* of Nora Newcomer paid/ }).click();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  // Issued times say their zone.
  await page.goto(`/plenary-summit/admin/registrations?q=${encodeURIComponent(email)}`);
  await expect(page.getByRole("row", { name: /Nora Newcomer/ }).locator("time")).toHaveText(/^\d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} (GMT|UTC|[A-Z]{3,4})/);
  await page.goto("/plenary-summit/admin/tickets");
  const usedRow = page.getByRole("row", { name: new RegExp(code) });
  await expect(usedRow).toContainText("1 / 5");
  // The code leaked: the organizer stops it at once.
  await usedRow.getByText("Edit limits").click();
  await usedRow.getByRole("button", { name: "Expire now" }).click();
  await expect(usedRow.getByText("Expired")).toBeVisible();

  await attendee.reload();
  await expect(attendee.getByRole("list", { name: "My orders" })).toContainText("Paid");
  await expect(attendee.getByRole("list", { name: "Tickets" })).toContainText("Valid");
  await attendeeContext.close();
});

test("an attendee cannot open the ticket admin pages or call their API", async ({ page }) => {
  await signIn(page, ACCOUNTS.attendee);
  for (const path of ["/plenary-summit/admin/tickets", "/plenary-summit/admin/registrations"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Organizers only" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Tickets & discount codes|Registrations/ })).toHaveCount(0);
  }
  const created = await page.request.post("/api/conferences/plenary-summit/admin/tickets/codes", { data: { code: "SNEAKY", kind: "COMP" } });
  expect(created.status()).toBe(403);
  expect((await created.json()).error.code).toBe("FORBIDDEN");
  expect((await page.request.get("/api/conferences/plenary-summit/admin/tickets/export")).status()).toBe(403);
});
