import { z } from "zod";

// The environment is read once, here, through one schema; the rest of the code imports `env`.
// Every variable app/, server/ and lib/ use is listed below: nothing else reads process.env.
const flag = z
  .enum(["0", "1"], { message: 'must be "1" (on) or "0" (off)' })
  .default("0")
  .transform((v) => v === "1");

/** An IPv4/IPv6 address or CIDR range (the same check lib/security/client-address.ts relies on). */
const Network = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
function isNetwork(text: string): boolean {
  return Network.safeParse(text).success;
}

const EnvVariables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Set by `next build` while it evaluates modules (no database, no runtime secrets then).
  NEXT_PHASE: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  // Connections per process to PostgreSQL.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Where browsers reach the web app and the realtime server.
  PUBLIC_URL: z.string().url().optional(),
  REALTIME_PUBLIC_URL: z.string().url().optional(),
  // Where the web app reaches the realtime nodes itself (health checks): one URL or several,
  // comma-separated; default: this host's REALTIME_PORT.
  REALTIME_INTERNAL_URL: z
    .string()
    .refine((v) => v.split(",").every((u) => z.string().url().safeParse(u.trim()).success), "must be a URL or comma-separated URLs")
    .optional(),
  // The default conference (by slug), where old addresses lead; else the one running now, the next, the last.
  PLENARY_CONFERENCE: z.string().min(1).optional(),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // "1" lets a production process run on the development auth secret (benchmarks only).
  PLENARY_ALLOW_DEV_SECRET: flag,
  MEDIA_DIR: z.string().min(1).default(".data/media"),
  // Where recordings are stored: "local" (MEDIA_DIR) or "s3" (an S3-compatible bucket, S3_* below).
  MEDIA_STORAGE: z.enum(["local", "s3"]).default("local"),
  // The store's address (MinIO, Garage, R2...; unset: AWS S3 in S3_REGION).
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  // Unset: the AWS SDK's own chain (instance role, ~/.aws).
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  // "1": bucket in the path (http://host/bucket/key), as most self-hosted stores want.
  S3_FORCE_PATH_STYLE: flag,
  // How long a segment or playlist write keeps retrying an unavailable store before the live talk gives up on it.
  S3_RETRY_SECONDS: z.coerce.number().min(1).max(3600).default(120),
  // Where browsers fetch segments when not through this deployment's /media/ (a CDN in front of the
  // bucket that checks the token, or nginx elsewhere): segment URIs in playlists become <base>/<key>?token=...
  MEDIA_PUBLIC_BASE_URL: z.string().url().optional(),
  FFMPEG_PATH: z.string().min(1).optional(),
  // Where ffmpeg is looked for when FFMPEG_PATH is not set.
  PATH: z.string().default(""),
  // OBS/RTMP ingest port (0 turns the RTMP listener off); uploads above this size are refused.
  RTMP_PORT: z.coerce.number().int().min(0).max(65535).default(1935),
  // The address OBS pushes to, the same on every node; default: PUBLIC_URL's host and this node's RTMP_PORT.
  RTMP_PUBLIC_URL: z
    .string()
    .regex(/^rtmps?:\/\/[^/]+/, "must be an rtmp:// or rtmps:// URL")
    .optional(),
  // "1": node-media-server's RTMP protocol log on the console.
  PLENARY_RTMP_DEBUG: flag,
  MEDIA_UPLOAD_MAX_MB: z.coerce.number().int().min(1).default(2048),
  // A 360p rendition beside the main one; "auto" adds it on machines with 4+ cores.
  MEDIA_LOW_RENDITION: z.enum(["auto", "on", "off"]).default("auto"),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  // Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated); the
  // client is the rightmost address they did not add. Default loopback: a proxy on the same host.
  TRUSTED_PROXIES: z
    .string()
    .default("127.0.0.0/8,::1")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every(isNetwork), { message: "must be addresses or CIDR ranges, comma-separated (e.g. 10.0.0.0/8,::1)" }),
  // The demo conference (with the README's demo passwords): "1" seeds it, "0" never. Unset: only
  // `npm start`/`npm run dev` on their own embedded database, outside production (scripts/should-seed-demo.ts).
  PLENARY_SEED_DEMO: z.enum(["0", "1"], { message: 'must be "1" (seed the demo) or "0" (never)' }).optional(),
  // Shared secret the web app uses to call the realtime server's internal endpoints.
  INTERNAL_SECRET: z.string().min(16).optional(),
  // Outgoing mail (address confirmation, password reset): smtp://user:pass@host:587 or smtps://…:465.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, "must be an smtp:// or smtps:// URL")
    .optional(),
  // The sender of those mails: an address, or "Name <address>"; default: no-reply at PUBLIC_URL's host.
  MAIL_FROM: z.string().min(3).optional(),
  // "1": without SMTP_URL, keep mails in the dev mailbox page (/dev/mailbox) even in a production build
  // (`npm start` sets it on a machine without SMTP); off, they are only written to the log.
  PLENARY_DEV_MAILBOX: flag,
  // Talk lifecycle and media access (lib/media/, server/media/auto-end-clock.ts).
  // Segment URLs carry a signed token from the playlist; it lasts this long (a replay's playlist is read once).
  MEDIA_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(240),
  // Speakers can go public from this many minutes before the slot (organizers at any time; a private test stream always).
  TALK_GO_LIVE_WINDOW_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(15),
  // A talk still LIVE this long after its slot ends, with no media arriving, is ended (its replay kept).
  TALK_AUTO_END_GRACE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
  // "No media arriving": no segment for this long.
  TALK_AUTO_END_IDLE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(120),
  // How often each realtime node looks for such talks (ending one twice is harmless).
  TALK_AUTO_END_SWEEP_SECONDS: z.coerce.number().min(0.1).max(3600).default(60),
  // A busy chat room's members get at most this many chat frames a second (messages gather into
  // batches beyond it; server/audience/room-batcher.ts). Each frame is a parse and a render in
  // every browser and a copy in every proxy; a quiet room's message still leaves at once.
  CHAT_MAX_FRAMES_PER_SECOND: z.coerce.number().min(1).max(1000).default(10),
  // Logs (lib/logging/): one JSON object per line for a collector, or "pretty" lines for a person
  // (`npm start` and `npm run dev` set pretty).
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).default("json"),
  // Prometheus scrapes /metrics on web and realtime with `Authorization: Bearer <token>`; unset,
  // /metrics answers only clients at private addresses (a scraper inside the cluster).
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
});

/** The names of every variable Plenary reads. */
export const envVariableNames = Object.keys(EnvVariables.shape) as (keyof z.input<typeof EnvVariables>)[];

const EnvSchema = EnvVariables.refine((raw) => raw.MEDIA_STORAGE !== "s3" || raw.S3_BUCKET !== undefined, {
  message: "MEDIA_STORAGE=s3 needs S3_BUCKET",
  path: ["S3_BUCKET"],
}).transform((raw) => {
  const realtimePort = raw.REALTIME_PORT ?? raw.PORT + 1;
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, "");
  const realtimePublicUrl = (raw.REALTIME_PUBLIC_URL ?? `${new URL(publicUrl).protocol}//${new URL(publicUrl).hostname}:${realtimePort}`).replace(
    /\/$/,
    "",
  );
  const realtimeInternalUrls = (raw.REALTIME_INTERNAL_URL ?? `http://127.0.0.1:${realtimePort}`)
    .split(",")
    .map((u) => u.trim().replace(/\/$/, ""))
    .filter(Boolean);
  return {
    ...raw,
    REALTIME_PORT: realtimePort,
    PUBLIC_URL: publicUrl,
    REALTIME_PUBLIC_URL: realtimePublicUrl,
    RTMP_PUBLIC_URL: raw.RTMP_PUBLIC_URL?.replace(/\/$/, "") ?? defaultRtmpUrl(publicUrl, raw.RTMP_PORT),
    REALTIME_INTERNAL_URL: realtimeInternalUrls[0]!,
    // Every realtime node the web app knows (its /api/health reports each).
    REALTIME_INTERNAL_URLS: realtimeInternalUrls,
    // Internal calls web -> realtime; the dev default is fine on one machine, set it in production.
    INTERNAL_SECRET: raw.INTERNAL_SECRET ?? raw.BETTER_AUTH_SECRET ?? "plenary-dev-internal-secret",
    MAIL_FROM: raw.MAIL_FROM ?? `Plenary <no-reply@${mailDomain(publicUrl)}>`,
  };
});

/** A sender domain from PUBLIC_URL's host (mail servers refuse a bare "localhost"). */
function mailDomain(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return host.includes(".") && !/^[\d.]+$/.test(host) ? host : "plenary.invalid";
}

/** RTMP served by this node on PUBLIC_URL's host; null when it is off here (RTMP_PORT=0) and no address is configured. */
function defaultRtmpUrl(publicUrl: string, rtmpPort: number): string | null {
  if (!rtmpPort) return null;
  return `rtmp://${new URL(publicUrl).hostname}${rtmpPort === 1935 ? "" : `:${rtmpPort}`}/live`;
}

export type Env = z.infer<typeof EnvSchema>;
/** What can be set: the variables by name, as strings (an empty string means unset). */
export type EnvSource = Partial<Record<keyof z.input<typeof EnvSchema>, string | undefined>>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // docker compose turns `${STRIPE_SECRET_KEY:-}` into an empty string: that is "not set".
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(set);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new Error(`Plenary cannot start: invalid environment\n${lines.join("\n")}`);
  }
  return result.data;
}

// A copy: whatever changes process.env later does not change the configuration.
const bootSource: Record<string, string | undefined> = { ...process.env };
let source: Record<string, string | undefined> = bootSource;

export const env: Env = parseEnv(source);

/**
 * For a process that embeds Plenary's services (tests, bench/): change settings after boot, checked
 * by the same schema, without touching process.env. Returns the function that undoes it.
 */
export function overrideEnv(overrides: EnvSource): () => void {
  const previous = source;
  apply({ ...previous, ...overrides });
  return () => apply(previous);
}

function apply(next: Record<string, string | undefined>) {
  const parsed = parseEnv(next);
  source = next;
  // In place: every module holds this same object.
  for (const key of Object.keys(env) as (keyof Env)[]) delete env[key];
  Object.assign(env, parsed);
}

export function getDatabaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. Start Plenary with `npm start` (it runs an embedded PostgreSQL) or set DATABASE_URL=postgres://…");
  }
  return env.DATABASE_URL;
}

const DEV_AUTH_SECRET = "plenary-development-secret-change-me-in-production-0123456789";

export function getAuthSecret(): string {
  if (env.BETTER_AUTH_SECRET) return env.BETTER_AUTH_SECRET;
  // `next build` evaluates modules without runtime secrets; the running server must have one.
  const building = env.NEXT_PHASE === "phase-production-build";
  if (env.NODE_ENV === "production" && !building && !env.PLENARY_ALLOW_DEV_SECRET) {
    throw new Error("BETTER_AUTH_SECRET must be set (32+ characters) in production");
  }
  return DEV_AUTH_SECRET;
}
