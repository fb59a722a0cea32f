import { env } from "@/lib/config/env";
import { claimOverdueLiveTalks } from "@/lib/media/claim-overdue-live-talks";
import { finishTalk } from "./end-talk";

/** One sweep: every overdue live talk this node claims is ended like "End talk" (replay and all). */
export async function endOverdueTalks(): Promise<string[]> {
  const claimed = await claimOverdueLiveTalks();
  for (const talkId of claimed) {
    await finishTalk({ talkId, status: "LIVE" }).catch((error) => console.error(`auto-end ${talkId}:`, error));
  }
  return claimed;
}

/** Ends talks left LIVE past their slot (every TALK_AUTO_END_SWEEP_SECONDS, on every realtime node). */
export function startAutoEndClock(everyMs = env.TALK_AUTO_END_SWEEP_SECONDS * 1000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    endOverdueTalks()
      .catch((error) => console.error("auto-end clock:", error))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
