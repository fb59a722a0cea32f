import type { ChatMessageView } from "./schemas";

// A chat panel's list of messages, kept by the browser: merge what arrives (live batches, history
// pages) by id, and catch up after a drop. Pure functions over plain data, no socket and no React,
// so the talk page's hook and the tests run the very same steps.

/** Older messages beyond this are dropped from memory; "load earlier" fetches them again. */
export const KEEP_MESSAGES = 500;
/** The largest page chat:history answers (ListMessagesInput). */
export const CATCH_UP_PAGE = 200;

export type MessagePage = { messages: ChatMessageView[]; hasMore: boolean };
export type PageCursor = { afterId?: string; limit: number };

const compareIds = (a: ChatMessageView, b: ChatMessageView) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

/** `current` and `incoming` together, by id (the newer copy wins), in order, at most `keep`. */
export function mergeMessages(current: ChatMessageView[], incoming: ChatMessageView[], keep = KEEP_MESSAGES): ChatMessageView[] {
  if (!incoming.length) return current;
  const map = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) map.set(m.id, m);
  const all = [...map.values()].sort(compareIds);
  return all.length > keep ? all.slice(all.length - keep) : all;
}

export type CaughtUp = {
  /** What the room holds after `afterId`, up to now. */
  messages: ChatMessageView[];
  /** Messages older than this id were not fetched: drop them from the list (null: keep all). */
  dropBefore: string | null;
};

/**
 * Everything the room got after `afterId`, the last message a panel had before a drop: pages of
 * chat:history forward until caught up. Call it after rejoining the room, so whatever is sent
 * from then on arrives live and the two overlap rather than leave a hole. When more was missed
 * than a panel keeps, paging on would only be thrown away: it takes the newest page instead and
 * says to drop what it had, so the list stays one unbroken run and "load earlier" fills the rest.
 */
export async function catchUpMessages(options: {
  afterId: string;
  fetchPage: (cursor: PageCursor) => Promise<MessagePage>;
  keep?: number;
}): Promise<CaughtUp> {
  const keep = options.keep ?? KEEP_MESSAGES;
  let missed: ChatMessageView[] = [];
  let cursor = options.afterId;
  for (;;) {
    const page = await options.fetchPage({ afterId: cursor, limit: CATCH_UP_PAGE });
    missed = mergeMessages(missed, page.messages, Number.MAX_SAFE_INTEGER);
    const last = page.messages.at(-1);
    if (!page.hasMore || !last) return { messages: missed, dropBefore: null };
    if (missed.length >= keep) break;
    cursor = last.id;
  }
  const latest = await options.fetchPage({ limit: Math.min(keep, CATCH_UP_PAGE) });
  return { messages: latest.messages, dropBefore: latest.messages[0]?.id ?? cursor };
}

/** The list after a catch-up, with whatever arrived live meanwhile. */
export function applyCatchUp(current: ChatMessageView[], caughtUp: CaughtUp, keep = KEEP_MESSAGES): ChatMessageView[] {
  const kept = caughtUp.dropBefore === null ? current : current.filter((m) => BigInt(m.id) >= BigInt(caughtUp.dropBefore!));
  return mergeMessages(kept, caughtUp.messages, keep);
}
