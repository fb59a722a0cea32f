import { test, expect } from "@playwright/test";

// The web process's /metrics as the deployment's scraper reads it (a direct request from a
// private address): every request timed by the preload, the database pool, process metrics.
test("the web app reports its requests and database pool on /metrics, and refuses it through a proxy", async ({ request }) => {
  expect((await request.get("/plenary-summit/schedule")).status()).toBe(200);
  const res = await request.get("/metrics");
  expect(res.status()).toBe(200);
  const text = await res.text();
  expect(text).toMatch(/^plenary_http_request_duration_seconds_count\{method="GET",route="page",status="200"\} [1-9]/m);
  expect(text).toMatch(/^plenary_db_pool_connections\{state="in_use"\} \d+/m);
  expect(text).toContain("process_cpu_user_seconds_total");

  const viaProxy = await request.get("/metrics", { headers: { "x-forwarded-for": "203.0.113.9" } });
  expect(viaProxy.status()).toBe(403);
});
