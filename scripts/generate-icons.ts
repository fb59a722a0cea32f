/**
 * `npx tsx scripts/generate-icons.ts`: the favicon set in public/, drawn from app/icon.svg.
 * Run it after changing the logo and commit the PNGs. Chromium draws them (the one the e2e tests
 * use already), so no image library is needed.
 *   favicon.ico          16, 32 and 48 px, for browsers and tools that only ask for /favicon.ico
 *   apple-touch-icon.png 180 px, full bleed (iOS rounds the corners itself)
 *   icon-192.png, icon-512.png     the web app manifest's icons
 *   icon-maskable-512.png          full bleed, the mark inside the central 80% safe zone
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { findChromium } from "./ensure-tools";
import { projectRoot } from "./db/embedded-postgres";

const logo = fs.readFileSync(path.join(projectRoot, "app/icon.svg"), "utf8");
const publicDir = path.join(projectRoot, "public");

/** The logo on a square of its own background colour, shrunk into the maskable safe zone. */
function fullBleed(svg: string, scale: number): string {
  const background = /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1] ?? "#4f46e5";
  const inner = svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
  const offset = (32 * (1 - scale)) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${background}"/><g transform="translate(${offset} ${offset}) scale(${scale})">${inner}</g></svg>`;
}

/** An ICO file whose images are PNGs (valid since Windows Vista, read by every browser). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: ["--no-sandbox"] });
const page = await browser.newPage({ deviceScaleFactor: 1 });
async function render(svg: string, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
  await page.setContent(
    `<html><body style="margin:0;background:transparent"><img src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`,
  );
  await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

fs.mkdirSync(publicDir, { recursive: true });
const write = (name: string, data: Buffer) => {
  fs.writeFileSync(path.join(publicDir, name), data);
  console.log(`public/${name} (${data.length} bytes)`);
};
const favicons = [];
for (const size of [16, 32, 48]) favicons.push({ size, png: await render(logo, size) });
write("favicon.ico", ico(favicons));
write("apple-touch-icon.png", await render(fullBleed(logo, 0.9), 180));
write("icon-192.png", await render(logo, 192));
write("icon-512.png", await render(logo, 512));
write("icon-maskable-512.png", await render(fullBleed(logo, 0.8), 512));
await browser.close();
