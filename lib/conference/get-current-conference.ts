import { cache } from "react";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

// A Plenary deployment serves one conference at a time: PLENARY_CONFERENCE picks it by slug,
// otherwise the earliest created. (The data model holds many; the URLs stay short.)
export const getCurrentConferenceOrThrow = cache(async () => {
  const slug = env.PLENARY_CONFERENCE;
  const conference = slug
    ? await prisma.conference.findUnique({ where: { slug } })
    : await prisma.conference.findFirst({ orderBy: { createdAt: "asc" } });
  if (!conference) throw notFound("Conference");
  return conference;
});

/** How long the current conference's id is remembered: only a deleted conference changes it. */
const REMEMBER_ID_MS = 5_000;
const rememberedIds = new Map<string, { id: Promise<string>; until: number }>();

/**
 * The current conference's id, for requests that need nothing else of it (a ticket rush): an id
 * never changes, so it is read once every few seconds rather than on every request. Checkouts that
 * arrive together share one read.
 */
export async function getCurrentConferenceIdOrThrow(): Promise<string> {
  const key = env.PLENARY_CONFERENCE ?? "";
  const now = Date.now();
  const hit = rememberedIds.get(key);
  if (hit && hit.until > now) return hit.id;
  const entry = { id: getCurrentConferenceOrThrow().then((conference) => conference.id), until: now + REMEMBER_ID_MS };
  rememberedIds.set(key, entry);
  return entry.id.catch((error: unknown) => {
    if (rememberedIds.get(key) === entry) rememberedIds.delete(key);
    throw error;
  });
}
