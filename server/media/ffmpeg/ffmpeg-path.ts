import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { env } from "@/lib/config/env";

let cached: string | null = null;

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The ffmpeg binary Plenary runs. A system ffmpeg (FFMPEG_PATH, then PATH) wins: it is newer and
 * writes files atomically. The npm-shipped static build is the fallback so `npm ci` alone works.
 */
export function getFfmpegPath(): string {
  if (cached) return cached;
  const configured = env.FFMPEG_PATH;
  if (configured) {
    if (!isExecutable(configured)) throw new Error(`FFMPEG_PATH=${configured} is not an executable file`);
    return (cached = configured);
  }
  for (const dir of env.PATH.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, "ffmpeg");
    if (isExecutable(candidate)) return (cached = candidate);
  }
  const require = createRequire(import.meta.url);
  const installer = require("@ffmpeg-installer/ffmpeg") as { path: string };
  return (cached = installer.path);
}
