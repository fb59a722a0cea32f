import { Readable } from "node:stream";
import type { MediaKey } from "./authorize-media-read";
import { getMediaStorage } from "./storage/get-media-storage";
import { renderPremierePlaylist } from "./render-premiere-playlist";

/** A stored media object; a premiere's playlist is computed from the clock instead of read. */
export async function readMediaObject(options: { key: MediaKey; now?: Date }): Promise<{ stream: Readable; size: number } | null> {
  if (options.key.file.endsWith("/index.m3u8")) {
    const premiere = await renderPremierePlaylist({ key: options.key, now: options.now ?? new Date() });
    if (premiere !== null) {
      const bytes = Buffer.from(premiere);
      return { stream: Readable.from([bytes]), size: bytes.length };
    }
  }
  return getMediaStorage().open(options.key.key);
}
