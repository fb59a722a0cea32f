import { env } from "@/lib/config/env";
import { localDiskStorage } from "./local-disk-storage";
import type { MediaStorage } from "./media-storage";

let storage: MediaStorage | null = null;

/** The configured media storage (one per process). Only local disk exists so far. */
export function getMediaStorage(): MediaStorage {
  return (storage ??= localDiskStorage(env.MEDIA_DIR));
}
