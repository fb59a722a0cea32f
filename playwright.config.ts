import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./scripts/ensure-tools";
import { freePort } from "./scripts/free-port";

// The app's port: E2E_PORT, or one the OS says is free (3100 may be anyone's). Set in process.env
// so the web server (serve.ts) and the workers, which load this file again, use the same one.
process.env.E2E_PORT ||= String(await freePort());
const port = Number(process.env.E2E_PORT);
const chromium = findChromium();

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(chromium ? { executablePath: chromium } : {}),
          args: [
            "--no-sandbox",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            // Speaker studio tests use Chromium's fake camera and microphone.
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx e2e/support/serve.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 420_000,
    // Always our own server: whatever answers on this port is someone else's (another run, another app).
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
