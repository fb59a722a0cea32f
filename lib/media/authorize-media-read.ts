import crypto from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors/app-error";
import { findSessionUser } from "@/lib/auth/get-session-user";
import { can } from "@/lib/permissions/can";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { verifyMediaToken } from "./media-token";
import { isSafeKey } from "./storage/media-storage";

const KEY = /^talks\/([A-Za-z0-9_-]{1,64})\/([a-f0-9]{8,32})\/(.+)$/;
// Players reload a live playlist every second or two: remember decisions briefly, per cookie and folder.
const decisions = new Map<string, { allowed: boolean; privateTest: boolean; signedIn: boolean; until: number }>();
const TTL_MS = 30_000;
// Whether a recording folder is a private test stream, per folder (not per viewer): token reads ask it.
const testFolders = new Map<string, { isTest: boolean; until: number }>();

async function isPrivateTestFolder(folder: string): Promise<boolean> {
  let known = testFolders.get(folder);
  if (!known || known.until <= Date.now()) {
    const recording = await prisma.recording.findFirst({ where: { storagePrefix: folder }, select: { isTest: true } });
    known = { isTest: recording?.isTest === true, until: Date.now() + TTL_MS };
    if (testFolders.size > 10_000) testFolders.clear();
    testFolders.set(folder, known);
  }
  return known.isTest;
}

export type MediaKey = { key: string; talkId: string; folder: string; file: string };

export function parseMediaKey(key: string): MediaKey | null {
  if (!isSafeKey(key)) return null;
  const match = key.match(KEY);
  if (!match) return null;
  return { key, talkId: match[1]!, folder: `talks/${match[1]}/${match[2]}`, file: match[3]! };
}

export function isPlaylistKey(key: MediaKey): boolean {
  return key.file.endsWith(".m3u8");
}

/**
 * How a read was allowed: "shared" by the talk's token, so the answer is the same for every holder and
 * a shared cache (nginx's micro-cache, a CDN) may keep it; "private" by the session cookie.
 */
export type MediaReadAccess = "shared" | "private";

/**
 * Playlists are checked against `talk:watch` (public talk, or a ticket/staff session cookie); a
 * private test stream only for those who may broadcast the talk. Everything else in a talk's
 * folder (segments) needs the signed token an allowed playlist gives its segment URIs
 * (media-token.ts): no cookie, so a CDN can serve it, yet scoped to the talk and short-lived.
 * The master playlist (what a player opens, once) is always checked against the session; the
 * rendition playlists it lists carry the token, so the reloads a live player makes every second
 * are token reads that one cached answer serves for every viewer.
 */
export async function authorizeMediaRead(options: { key: MediaKey; cookie: string | undefined; token: string | null }): Promise<MediaReadAccess> {
  if (isPlaylistKey(options.key) && options.key.file.includes("/") && options.token) {
    const check = verifyMediaToken({ talkId: options.key.talkId, token: options.token });
    if (check.ok && !(await isPrivateTestFolder(options.key.folder))) return "shared";
  }
  if (!isPlaylistKey(options.key)) {
    const check = verifyMediaToken({ talkId: options.key.talkId, token: options.token });
    if (check.ok) return "shared";
    throw new AppError(
      "FORBIDDEN",
      check.reason === "expired"
        ? "This media link has expired: reload the player to get a fresh one"
        : "This media link needs a valid access token: play the talk from its page",
    );
  }
  const cacheKey = `${options.key.folder}:${crypto
    .createHash("sha256")
    .update(options.cookie ?? "")
    .digest("hex")}`;
  let decision = decisions.get(cacheKey);
  if (!decision || decision.until <= Date.now()) {
    const headers = new Headers();
    if (options.cookie) headers.set("cookie", options.cookie);
    const user = options.cookie ? await findSessionUser({ headers }) : null;
    const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.key.talkId, userId: user?.id ?? null });
    const recording = await prisma.recording.findFirst({ where: { storagePrefix: options.key.folder }, select: { isTest: true } });
    decision = {
      allowed: can(viewer, "talk:watch", talk),
      privateTest: recording?.isTest === true && !can(viewer, "talk:broadcast", talk),
      signedIn: user !== null,
      until: Date.now() + TTL_MS,
    };
    if (decisions.size > 10_000) decisions.clear();
    decisions.set(cacheKey, decision);
  }
  // A test stream does not exist for attendees.
  if (decision.privateTest) throw notFound("Media");
  if (!decision.allowed)
    throw new AppError(
      decision.signedIn ? "FORBIDDEN" : "UNAUTHENTICATED",
      decision.signedIn ? "You need a ticket to watch this talk" : "Sign in to watch this talk",
    );
  return "private";
}
