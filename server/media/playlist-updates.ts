import { EventEmitter } from "node:events";

// Blocking playlist reloads wait here for the next write of a playlist by this node's ingest. A
// playlist written elsewhere (another node, a premiere's clock) is noticed by re-reading it:
// waiters also wake after `timeoutMs`.
const writes = new EventEmitter();
writes.setMaxListeners(0);

/** A playlist in storage was rewritten (its storage key). */
export function announcePlaylistWrite(key: string) {
  writes.emit(key);
}

/** Resolves on the next write of `key` or after `timeoutMs`, whichever comes first. */
export function nextPlaylistWrite(key: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      writes.off(key, done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    writes.once(key, done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
