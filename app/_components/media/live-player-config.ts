// The attendee player's live settings for hls.js, shared with bench/media.ts so the benchmark
// measures the player attendees get.

/**
 * How far behind the newest listed segment the player sits: about one segment, since the next one
 * arrives the moment it is listed (blocking playlist reload). hls.js adds a second after each stall.
 */
export const LIVE_SYNC_SECONDS = 1.5;
/** A player following live that fell a little behind plays this much faster until it is back. */
export const CATCH_UP_RATE = 1.5;

export const LIVE_HLS_CONFIG = {
  // Blocking playlist reloads (_HLS_msn): a new segment reaches the player when it is listed.
  lowLatencyMode: true,
  liveSyncDuration: LIVE_SYNC_SECONDS,
  maxLiveSyncPlaybackRate: CATCH_UP_RATE,
  // No liveMaxLatencyDuration: hls.js would pull a viewer who scrubbed back to the live edge.
  liveDurationInfinity: false,
} as const;
