import { test, expect } from "@playwright/test";

// The running app (npm start: the web process with its peer-address preload). Playwright connects
// from 127.0.0.1, a trusted proxy by default (TRUSTED_PROXIES=127.0.0.0/8,::1), so the
// X-Forwarded-For it sends names the client here, as nginx on the same host would.

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
// The first test exhausts its address's budget, so each test draws from its own documentation range.
const client = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
const otherClient = () => `192.0.2.${1 + Math.floor(Math.random() * 250)}`;

test("sign-in is limited per client address, and another client behind the same proxy is not", async ({ request }) => {
  const address = client();
  const attempt = (forwardedFor: string) =>
    request.post("/api/auth/sign-in/email", {
      headers: { "x-forwarded-for": forwardedFor },
      data: { email: `nobody-${unique()}@example.test`, password: "wrong-password-1" },
    });
  for (let i = 0; i < 30; i++) expect((await attempt(address)).status(), `attempt ${i + 1}`).toBe(401);
  expect((await attempt(address)).status()).toBe(429);
  // A made-up address in front of the real one changes nothing; a different client is let through.
  expect((await attempt(`203.0.113.9, ${address}`)).status()).toBe(429);
  const other = address === "198.51.100.251" ? "198.51.100.252" : "198.51.100.251";
  expect((await attempt(other)).status()).toBe(401);
});

test("after 10 wrong passwords the sign-in form says the account must wait", async ({ page, request, baseURL }) => {
  const email = `locked-${unique()}@example.test`;
  const forwardedFor = otherClient();
  const signUp = await request.post("/api/auth/sign-up/email", {
    headers: { "x-forwarded-for": forwardedFor },
    data: { email, password: "a-good-password", name: "Lou Locked" },
  });
  expect(signUp.status()).toBe(200);
  for (let i = 0; i < 10; i++) {
    const wrong = await request.post("/api/auth/sign-in/email", {
      // The sign-up left a session cookie in this context: better-auth then wants the page's origin.
      headers: { "x-forwarded-for": otherClient(), origin: baseURL! },
      data: { email, password: "not-it-123" },
    });
    expect(wrong.status()).toBe(401);
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins for this account: try again in 15 minutes" })).toBeVisible();
});
