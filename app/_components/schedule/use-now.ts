"use client";
import { useSyncExternalStore } from "react";

// One clock for the whole page, ticking on the second: every countdown on it changes together
// (four cards on the home page never show seconds out of step), and one timer serves them all.
const listeners = new Set<() => void>();
let now = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

function tick() {
  now = Date.now();
  listeners.forEach((listener) => listener());
  timer = setTimeout(tick, 1000 - (now % 1000) + 5);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) tick();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

/** The wall clock in ms, refreshed every second; null on the server and during hydration (a server's clock would not match). */
export function useNow(): number | null {
  return useSyncExternalStore(
    subscribe,
    () => (timer ? now : null),
    () => null,
  );
}
