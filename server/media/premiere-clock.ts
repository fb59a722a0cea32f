import { advancePremieres } from "@/lib/media/advance-premieres";

/** Moves pre-recorded talks to LIVE / ENDED on time (every 2 s). */
export function startPremiereClock(everyMs = 2000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    advancePremieres()
      .catch((error) => console.error("premiere clock:", error))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
