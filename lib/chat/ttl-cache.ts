type Entry<V> = { value: Promise<V>; expires: number; settled: boolean; refreshing: boolean };

/**
 * A tiny per-process cache for hot, rarely-changing reads on the chat path (room settings,
 * who-may-do-what). Values may be up to `ttlMs` stale on other nodes; the node that makes a
 * change calls `delete` so its own users see it at once.
 *
 * With `staleMs`, an answer past its `ttlMs` (but not by more than `staleMs`) is still given at
 * once while a fresh one is read in the background: a keynote's chat must not wait for the
 * database every few seconds per sender just because a cached right is due for a re-check.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly maxEntries: number;
  private readonly staleMs: number;

  constructor(
    private readonly ttlMs: number,
    options: { maxEntries?: number; staleMs?: number } = {},
  ) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.staleMs = options.staleMs ?? 0;
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (hit && hit.settled && now - hit.expires < this.staleMs) {
      if (!hit.refreshing) this.refresh(key, hit, load);
      return hit.value;
    }
    return this.load(key, load, now);
  }

  private load(key: string, load: () => Promise<V>, now: number): Promise<V> {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    const entry: Entry<V> = { value, expires: now + this.ttlMs, settled: false, refreshing: false };
    this.entries.set(key, entry);
    value.then(
      () => (entry.settled = true),
      // A failed load must not be cached.
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    return value;
  }

  private refresh(key: string, stale: Entry<V>, load: () => Promise<V>) {
    stale.refreshing = true;
    load().then(
      (fresh) => {
        // Unless deleted (or replaced) meanwhile: a change made here must not be undone by an older read.
        if (this.entries.get(key) === stale) {
          this.entries.set(key, { value: Promise.resolve(fresh), expires: Date.now() + this.ttlMs, settled: true, refreshing: false });
        }
      },
      // Unreachable database: keep answering from the stale entry until it is too old.
      () => (stale.refreshing = false),
    );
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
