import { getConferenceBySlugOrThrow } from "./get-conference-by-slug";

export type ConferenceKey = { id: string; slug: string };

/** How long a slug's conference is remembered: ids never change, only a deleted conference frees its slug. */
const REMEMBER_MS = 5_000;
/** Conferences are few; the bound only keeps a flood of made-up slugs from growing the map. */
const MAX_REMEMBERED = 1_000;

const remembered = new Map<string, { key: Promise<ConferenceKey>; until: number }>();

/**
 * The id and slug of the conference a URL names, for requests that need nothing else of it (a
 * ticket rush): read once every few seconds rather than on every request, and shared by the
 * requests that arrive together. Slugs that name nothing are not remembered.
 */
export async function getConferenceKeyBySlugOrThrow(options: { slug: string }): Promise<ConferenceKey> {
  const { slug } = options;
  const now = Date.now();
  const hit = remembered.get(slug);
  if (hit && hit.until > now) return hit.key;
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  const entry = { key: getConferenceBySlugOrThrow({ slug }).then(({ id }) => ({ id, slug })), until: now + REMEMBER_MS };
  remembered.set(slug, entry);
  return entry.key.catch((error: unknown) => {
    if (remembered.get(slug) === entry) remembered.delete(slug);
    throw error;
  });
}
