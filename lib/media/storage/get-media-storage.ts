import { env } from "@/lib/config/env";
import { localDiskStorage } from "./local-disk-storage";
import type { MediaStorage } from "./media-storage";
import { s3Storage } from "./s3-storage";

let storage: { config: string; storage: MediaStorage } | null = null;

/** The configured media storage (one per process; a changed configuration, as tests make, gets a new one). */
export function getMediaStorage(): MediaStorage {
  const config = [
    env.MEDIA_STORAGE,
    env.MEDIA_DIR,
    env.S3_ENDPOINT,
    env.S3_BUCKET,
    env.S3_REGION,
    env.S3_ACCESS_KEY_ID,
    env.S3_FORCE_PATH_STYLE,
  ].join("|");
  if (storage?.config !== config) storage = { config, storage: createMediaStorage() };
  return storage.storage;
}

function createMediaStorage(): MediaStorage {
  if (env.MEDIA_STORAGE === "s3") {
    return s3Storage({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      retryForMs: env.S3_RETRY_SECONDS * 1000,
    });
  }
  return localDiskStorage(env.MEDIA_DIR);
}
