import { expect, test } from "@playwright/test";
import { ACCOUNTS, signInOnce } from "../support/accounts";

// Issue 10's reproduction, in a browser: a page of another origin on the same site (another port
// of localhost, which SameSite=Lax does not tell apart) posts text/plain with the organizer's
// cookie to create a 100 %-off discount code.

// FIXME(issue 10): in Chromium here the attacker page's no-cors fetch never showed up to
// waitForResponse (timed out twice); not yet diagnosed. The refusal itself is covered by
// tests/security/origin-check.test.ts against the real handlers.
test.fixme("a same-site page of another origin cannot create a discount code with the organizer's cookie", async ({ page, baseURL }) => {
  await signInOnce(page, ACCOUNTS.organizer);
  const code = `CSRF${Date.now().toString(36).toUpperCase()}`;
  const target = new URL("/api/conferences/plenary-summit/admin/tickets/codes", baseURL).toString();
  // The attacker's page: served by the test on a port where nothing listens (not one of the ports
  // Chromium refuses outright, like 9).
  const attacker = `http://localhost:65431/attack`;
  await page.route(attacker, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><script>
        fetch(${JSON.stringify(target)}, {
          method: "POST", mode: "no-cors", credentials: "include",
          headers: { "content-type": "text/plain" },
          body: JSON.stringify({ code: ${JSON.stringify(code)}, kind: "PERCENT", value: 100, oncePerAttendee: false, ticketTypeIds: [] }),
        });
      </script>`,
    }),
  );
  const answer = page.waitForResponse((response) => response.url() === target && response.request().method() === "POST");
  await page.goto(attacker);
  const response = await answer;
  // The browser did send the cookie (same site): only the origin check stands in the way.
  expect(await response.request().headerValue("cookie")).toBeTruthy();
  expect(response.status()).toBe(403);

  const codes = await page.request.get(`/api/conferences/plenary-summit/admin/tickets/codes?q=${code}`);
  expect(codes.ok()).toBe(true);
  expect(JSON.stringify(await codes.json())).not.toContain(code);
});
