import { expect, test } from "@playwright/test";
import { ACCOUNTS, signInOnce } from "../support/accounts";
import { recordCspViolations } from "../support/csp";
import { waitForHydration } from "../support/hydration";

test("pages carry a nonce CSP, frame and sniffing protection and a referrer policy", async ({ page }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  // PUBLIC_URL is http here: no HSTS.
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next.js put this request's nonce on its scripts.
  const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
  const scripts = await page.locator("script").evaluateAll((nodes) => nodes.map((n) => (n as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const value of scripts) expect(value).toBe(nonce);
  // A fresh nonce per request.
  const again = (await page.request.get("/")).headers()["content-security-policy"]!;
  expect(again).not.toContain(`'nonce-${nonce}'`);
});

test("injected markup cannot run script: inline handlers and parser-inserted scripts without the nonce are refused", async ({ page }) => {
  await page.goto("/");
  const ran = await page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        // What an XSS hole would insert: markup, parsed by the page, not a script our code creates.
        const holder = document.createElement("div");
        holder.innerHTML = `<img src="data:," onerror="window.__injected = true"><img src="x:" onerror="window.__injected = true">`;
        document.body.appendChild(holder);
        document.body.insertAdjacentHTML("beforeend", `<iframe srcdoc="<script>parent.__injected = true</script>"></iframe>`);
        setTimeout(() => resolve(Boolean((window as unknown as { __injected?: boolean }).__injected)), 500);
      }),
  );
  expect(ran).toBe(false);
});

test("the app runs under its CSP: hydrated pages, the talk page's chat over socket.io, the admin, no violation", async ({ browser }) => {
  // Four pages hydrated one after another: over a minute on a busy machine.
  test.setTimeout(180_000);
  const context = await browser.newContext();
  const violations = await recordCspViolations(context);
  const page = await context.newPage();
  await signInOnce(page, ACCOUNTS.organizer);
  await page.goto("/plenary-summit/schedule");
  await waitForHydration(page.locator("main"));
  // A talk no other spec ends (a replay's chat takes no new messages).
  await page.goto("/plenary-summit/talks/postgres-is-your-queue");
  const chat = page.getByRole("region", { name: "Talk chat" });
  await waitForHydration(chat);
  const stamp = Date.now().toString(36);
  await chat.getByRole("textbox", { name: "Message" }).fill(`under CSP ${stamp}`);
  await chat.getByRole("button", { name: "Send" }).click();
  await expect(chat.getByRole("list", { name: "Chat messages" }).getByText(`under CSP ${stamp}`)).toBeVisible();
  await page.goto("/plenary-summit/admin/schedule");
  await waitForHydration(page.locator("main"));
  await page.goto("/plenary-summit/admin/tickets");
  await waitForHydration(page.locator("main"));
  expect(violations()).toEqual([]);
  await context.close();
});
