/**
 * Makes sure the machine has what the tests drive: a Chromium for Playwright (browser downloads
 * are impossible on many build machines), ffmpeg and nginx (media delivery). Order: what is already there; Debian's
 * packages via apt when running as root on Debian; Playwright's own download as a last resort.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

export function findChromium(): string | null {
  const configured = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (configured && fs.existsSync(configured)) return configured;
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

function onPath(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;
const isDebian = () => fs.existsSync("/etc/debian_version") && onPath("apt-get");
let aptUpdated = false;

function aptInstall(packages: string[]): boolean {
  if (!isRoot() || !isDebian()) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log(`[tools] installing ${packages.join(", ")} with apt-get…`);
  if (!aptUpdated) {
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    aptUpdated = true;
  }
  return spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { stdio: "inherit", env }).status === 0;
}

const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

/** nginx for the media delivery test and `npm run bench:viewers` (the production path's proxy). */
export function findNginx(): string | null {
  return NGINX_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export function ensureNginx(): string | null {
  return findNginx() ?? (aptInstall(["nginx"]) ? findNginx() : null);
}

export function ensureTools(): { chromium: string | null } {
  let chromium = findChromium();
  if (!chromium && aptInstall(["chromium"])) chromium = findChromium();
  if (!chromium) {
    console.log("[tools] no system Chromium; trying Playwright's own download");
    const r = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
    if (r.status !== 0) throw new Error("No Chromium: install the `chromium` package or set PLAYWRIGHT_CHROMIUM_PATH");
  }
  // ffmpeg: the system one is preferred (it writes playlists atomically); the npm-shipped static
  // build is the fallback the media code uses when this fails.
  if (!process.env.FFMPEG_PATH && !onPath("ffmpeg")) aptInstall(["ffmpeg"]);
  // nginx: tests that need it skip without it (tests/media/nginx-delivery.test.ts says so).
  ensureNginx();
  if (chromium) {
    try {
      execFileSync(chromium, ["--version"], { stdio: "ignore" });
    } catch {
      throw new Error(`${chromium} does not run`);
    }
  }
  return { chromium };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = ensureTools();
  console.log(
    `[tools] chromium: ${chromium ?? "playwright's"}; nginx: ${findNginx() ?? "none"}; ffmpeg: ${process.env.FFMPEG_PATH ?? (onPath("ffmpeg") ? "system" : "npm static build")}`,
  );
}
