// Catch-up: a viewer behind a live talk plays faster until they reach the live edge, then at 1x.
// The player (app/_components/media/use-catch-up.ts) asks `stepCatchUp` on every position update;
// every decision lives here so it can be tested without a browser.

export const CATCH_UP_RATES = [1.25, 1.5, 2] as const;
export type CatchUpRate = (typeof CATCH_UP_RATES)[number];
export const DEFAULT_CATCH_UP_RATE: CatchUpRate = 1.5;

/** Further behind the live edge than this, "Catch up" is offered (the same line as "Jump to live"). */
export const CATCH_UP_OFFER_SECONDS = 8;
/**
 * Catching up ends this close to the live edge: the player then follows live at 1x (hls.js keeps its
 * own small adjustments there). A little above where a player following live sits (1.5 s behind
 * the newest segment, plus up to a segment not listed yet).
 */
export const CATCH_UP_ARRIVED_SECONDS = 3.5;

export function isCatchUpRate(value: unknown): value is CatchUpRate {
  return CATCH_UP_RATES.includes(value as CatchUpRate);
}

export type CatchUpState = {
  /** The talk is live (a replay has no live edge to catch up with). */
  live: boolean;
  paused: boolean;
  /** Seconds between the playback position and the live edge (end of the seekable range). */
  behindSeconds: number;
  /** The viewer chose "Catch up" and has not arrived yet. */
  catchingUp: boolean;
  rate: CatchUpRate;
};

export type CatchUpStep = {
  catchingUp: boolean;
  /** The rate the media element should play at. */
  playbackRate: number;
  /** Whether to show the "Catch up" control. */
  offer: boolean;
  /** True on the step that reached the live edge: the player follows live again and says so. */
  arrived: boolean;
  /** Why catching up stopped short of the live edge, if it did. */
  stopped?: "paused" | "ended";
};

export function stepCatchUp(state: CatchUpState): CatchUpStep {
  const behind = Math.max(0, state.behindSeconds);
  if (!state.live) {
    return { catchingUp: false, playbackRate: 1, offer: false, arrived: false, ...(state.catchingUp ? { stopped: "ended" as const } : {}) };
  }
  if (state.catchingUp && state.paused)
    return { catchingUp: false, playbackRate: 1, offer: behind > CATCH_UP_OFFER_SECONDS, arrived: false, stopped: "paused" };
  if (state.catchingUp && behind <= CATCH_UP_ARRIVED_SECONDS) return { catchingUp: false, playbackRate: 1, offer: false, arrived: true };
  if (state.catchingUp) return { catchingUp: true, playbackRate: state.rate, offer: false, arrived: false };
  return { catchingUp: false, playbackRate: 1, offer: behind > CATCH_UP_OFFER_SECONDS, arrived: false };
}

/**
 * Seconds until a viewer `behindSeconds` behind reaches the live edge at `rate`: the edge moves at
 * 1x, so the gap shrinks by (rate - 1) each second.
 */
export function secondsToCatchUp(behindSeconds: number, rate: CatchUpRate): number {
  const gap = Math.max(0, behindSeconds - CATCH_UP_ARRIVED_SECONDS);
  return Math.ceil(gap / (rate - 1));
}

/** "1:05 behind" / "1:02:03 behind": how far behind live, for the control's label. */
export function formatBehind(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}
