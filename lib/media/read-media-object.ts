import { Readable } from "node:stream";
import { AppError } from "@/lib/errors/app-error";
import type { MediaKey } from "./authorize-media-read";
import { getMediaStorage } from "./storage/get-media-storage";
import { renderPremierePlaylist } from "./render-premiere-playlist";
import { airedSegmentCount, findPremiere } from "./find-premiere";

/**
 * A stored media object; a premiere's playlist is computed from the clock instead of read, and
 * while it runs only what has aired is served: no skipping ahead, no download of the whole talk.
 */
export async function readMediaObject(options: { key: MediaKey; now?: Date }): Promise<{ stream: Readable; size: number } | null> {
  const now = options.now ?? new Date();
  if (options.key.file.split("/")[1] === "index.m3u8") {
    const premiere = await renderPremierePlaylist({ key: options.key, now });
    if (premiere !== null) {
      const bytes = Buffer.from(premiere);
      return { stream: Readable.from([bytes]), size: bytes.length };
    }
  }
  await assertMediaAired({ key: options.key, now });
  return getMediaStorage().open(options.key.key);
}

/**
 * Refuses what a running premiere has not aired yet (a segment ahead of the clock, the whole-video
 * playlist). Also asked by the proxy's token check before it serves a segment itself.
 */
export async function assertMediaAired(options: { key: MediaKey; now?: Date }): Promise<void> {
  const [rendition, name] = options.key.file.split("/");
  if (!rendition || !name || name === "index.m3u8") return;
  const premiere = await findPremiere({ folder: options.key.folder, rendition });
  if (!premiere) return;
  const aired = airedSegmentCount(premiere, options.now ?? new Date());
  if (aired >= premiere.segments.length) return;
  if (name === "vod.m3u8") throw new AppError("FORBIDDEN", "The whole video is available when the premiere ends");
  const index = premiere.segments.findIndex((s) => s.uri === name);
  if (index < 0 || index >= aired) throw new AppError("FORBIDDEN", "This part of the premiere has not aired yet");
}
