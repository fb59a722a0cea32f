/**
 * At most `limit` tasks at a time per key; the rest wait their turn here, first come first served.
 *
 * Why: work that queues on one database row anyway (a rush of checkouts on one ticket type) is
 * cheaper to queue in this process than in PostgreSQL, where every waiter is a backend that
 * sleeps on the row's lock, wakes at each commit and re-checks the row: on two cores that waiting
 * cost more CPU than the checkouts themselves. A few in flight keep the row busy (the next one
 * is already at the row when the current one commits); more only add waiters.
 */
export class KeyedQueue {
  private readonly running = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let slot = this.running.get(key);
    if (!slot) this.running.set(key, (slot = { active: 0, waiting: [] }));
    if (slot.active >= this.limit) await new Promise<void>((resolve) => slot!.waiting.push(resolve));
    else slot.active++;
    try {
      return await task();
    } finally {
      const next = slot.waiting.shift();
      // The freed place goes straight to the next in line (active stays the same).
      if (next) next();
      else if (--slot.active === 0) this.running.delete(key);
    }
  }
}
