import { afterEach, describe, expect, it, vi } from "vitest";
import { TtlCache } from "@/lib/chat/ttl-cache";

describe("the chat path's cache", () => {
  afterEach(() => vi.useRealTimers());

  it("reads once per ttl, and again once it expired when there is no stale window", async () => {
    vi.useFakeTimers({ now: 0 });
    const cache = new TtlCache<number>(1000);
    let reads = 0;
    const load = async () => ++reads;
    expect(await cache.get("k", load)).toBe(1);
    expect(await cache.get("k", load)).toBe(1);
    vi.setSystemTime(1001);
    expect(await cache.get("k", load)).toBe(2);
  });

  it("with a stale window, answers at once from the old value and reads the new one in the background", async () => {
    vi.useFakeTimers({ now: 0 });
    const cache = new TtlCache<string>(1000, { staleMs: 10_000 });
    let release: (value: string) => void = () => {};
    let reads = 0;
    const load = () => {
      reads++;
      return reads === 1 ? Promise.resolve("old") : new Promise<string>((resolve) => (release = resolve));
    };
    expect(await cache.get("k", load)).toBe("old");
    vi.setSystemTime(2000);
    // Due: the caller is not kept waiting for the database; one refresh runs, not one per caller.
    expect(await cache.get("k", load)).toBe("old");
    expect(await cache.get("k", load)).toBe("old");
    expect(reads).toBe(2);
    release("new");
    await Promise.resolve();
    await Promise.resolve();
    expect(await cache.get("k", load)).toBe("new");
    // Too old to answer from: waits for a fresh read.
    vi.setSystemTime(20_000);
    const fresh = cache.get("k", async () => "newest");
    expect(await fresh).toBe("newest");
  });

  it("a delete during a background refresh wins over the older read; failed loads are not kept", async () => {
    vi.useFakeTimers({ now: 0 });
    const cache = new TtlCache<string>(1000, { staleMs: 10_000 });
    await cache.get("k", async () => "v1");
    vi.setSystemTime(1500);
    let release: (value: string) => void = () => {};
    await cache.get("k", () => new Promise<string>((resolve) => (release = resolve)));
    cache.delete("k");
    release("from before the change");
    await Promise.resolve();
    expect(await cache.get("k", async () => "after the change")).toBe("after the change");

    await expect(cache.get("bad", async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("bad", async () => "recovered")).toBe("recovered");
  });
});
