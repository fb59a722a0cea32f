import fsp from "node:fs/promises";
import { Readable } from "node:stream";
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { AppError } from "@/lib/errors/app-error";
import { cacheControlFor, contentTypeFor, isSafeKey, type MediaStorage } from "./media-storage";

export type S3StorageOptions = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** How long a write keeps retrying before it gives up (a live talk waits for the store meanwhile). */
  retryForMs: number;
};

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 2_000;

/** The store did not answer (down, unreachable, overloaded): worth retrying; a 4xx from it is not. */
function isTransient(error: unknown): boolean {
  if (error instanceof S3ServiceException) return (error.$metadata.httpStatusCode ?? 500) >= 500;
  return true;
}

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404);
}

/** Reads while the store is away answer 503 (the player retries), never a 500 or a false 404. */
function unavailable(error: unknown): AppError {
  return new AppError(
    "UNAVAILABLE",
    `Media storage is briefly unavailable; try again in a moment (${error instanceof Error ? error.message : String(error)})`,
  );
}

/**
 * Media storage in an S3-compatible bucket (AWS S3, MinIO, Garage, R2...). Objects carry their own
 * Content-Type and Cache-Control: segments immutable, playlists max-age=1, so a CDN or nginx in
 * front of the bucket caches them right. Writes retry with capped back-off until `retryForMs`:
 * the live recording's queue waits meanwhile, so a playlist is only written after its segments are stored.
 */
export function s3Storage(options: S3StorageOptions): MediaStorage {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } : undefined,
    // Our own retry loop for writes; reads fail fast so a viewer gets a 503 instead of a hung request.
    maxAttempts: 1,
    // Checksum headers only when an operation needs them: many S3-compatible stores refuse the newer ones.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  });
  const Bucket = options.bucket;
  const checked = (key: string) => {
    if (!isSafeKey(key)) throw new Error(`unsafe media key: ${key}`);
    return key;
  };

  async function withRetry<T>(what: string, run: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + options.retryForMs;
    let delay = FIRST_RETRY_MS;
    let warned = false;
    for (;;) {
      try {
        const result = await run();
        if (warned) console.log(`[media] storage: ${what} stored after retrying`);
        return result;
      } catch (error) {
        if (!isTransient(error) || Date.now() + delay > giveUpAt) throw error;
        if (!warned) console.warn(`[media] storage: ${what} failed, retrying:`, error instanceof Error ? error.message : error);
        warned = true;
        await new Promise((resolve) => setTimeout(resolve, delay * (0.75 + Math.random() * 0.5)));
        delay = Math.min(MAX_RETRY_MS, delay * 2);
      }
    }
  }

  const put = (key: string, body: Buffer) =>
    withRetry(key, () =>
      client.send(
        new PutObjectCommand({ Bucket, Key: checked(key), Body: body, ContentType: contentTypeFor(key), CacheControl: cacheControlFor(key) }),
      ),
    );

  async function get(key: string) {
    try {
      return await client.send(new GetObjectCommand({ Bucket, Key: checked(key) }));
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailable(error);
    }
  }

  return {
    async putFile(key, localPath) {
      // Segments are small (a second or two of video): one PUT from memory, then the work file goes.
      await put(key, await fsp.readFile(localPath));
      await fsp.rm(localPath, { force: true });
    },
    async putText(key, text) {
      // A PUT replaces the object whole: readers see the old or the new playlist.
      await put(key, Buffer.from(text));
    },
    async open(key) {
      const object = await get(key);
      if (!object?.Body) return null;
      return { stream: object.Body as Readable, size: Number(object.ContentLength ?? 0) };
    },
    async readText(key) {
      const object = await get(key);
      return object?.Body ? await object.Body.transformToString("utf8") : null;
    },
    async removePrefix(prefix) {
      const Prefix = `${checked(prefix)}/`;
      let ContinuationToken: string | undefined;
      do {
        const page = await withRetry(`list ${Prefix}`, () => client.send(new ListObjectsV2Command({ Bucket, Prefix, ContinuationToken })));
        const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
        if (keys.length > 0)
          await withRetry(`delete ${Prefix}`, () => client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: keys, Quiet: true } })));
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
