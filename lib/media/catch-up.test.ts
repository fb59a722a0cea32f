import { describe, expect, it } from "vitest";
import {
  CATCH_UP_ARRIVED_SECONDS,
  CATCH_UP_OFFER_SECONDS,
  formatBehind,
  isCatchUpRate,
  secondsToCatchUp,
  stepCatchUp,
  type CatchUpState,
} from "./catch-up";

const state = (over: Partial<CatchUpState>): CatchUpState => ({ live: true, paused: false, behindSeconds: 0, catchingUp: false, rate: 1.5, ...over });

describe("stepCatchUp", () => {
  it("offers catching up only when more than a few seconds behind a live talk", () => {
    expect(stepCatchUp(state({ behindSeconds: 2 }))).toMatchObject({ offer: false, playbackRate: 1 });
    expect(stepCatchUp(state({ behindSeconds: CATCH_UP_OFFER_SECONDS }))).toMatchObject({ offer: false });
    expect(stepCatchUp(state({ behindSeconds: CATCH_UP_OFFER_SECONDS + 0.5 }))).toMatchObject({ offer: true, playbackRate: 1, catchingUp: false });
    expect(stepCatchUp(state({ live: false, behindSeconds: 600 }))).toMatchObject({ offer: false, playbackRate: 1 });
  });

  it("plays at the chosen rate while catching up", () => {
    for (const rate of [1.25, 1.5, 2] as const) {
      expect(stepCatchUp(state({ catchingUp: true, rate, behindSeconds: 30 }))).toEqual({
        catchingUp: true,
        playbackRate: rate,
        offer: false,
        arrived: false,
      });
    }
    // Still catching up between the offer line and the arrival line.
    expect(stepCatchUp(state({ catchingUp: true, behindSeconds: CATCH_UP_ARRIVED_SECONDS + 0.5 }))).toMatchObject({
      catchingUp: true,
      playbackRate: 1.5,
    });
  });

  it("drops to 1x once at the live edge, and says it arrived once", () => {
    const arrived = stepCatchUp(state({ catchingUp: true, behindSeconds: CATCH_UP_ARRIVED_SECONDS }));
    expect(arrived).toEqual({ catchingUp: false, playbackRate: 1, offer: false, arrived: true });
    expect(stepCatchUp(state({ catchingUp: arrived.catchingUp, behindSeconds: 1 }))).toMatchObject({ arrived: false, playbackRate: 1 });
  });

  it("stops at 1x when the viewer pauses or the talk ends", () => {
    expect(stepCatchUp(state({ catchingUp: true, paused: true, behindSeconds: 40 }))).toEqual({
      catchingUp: false,
      playbackRate: 1,
      offer: true,
      arrived: false,
      stopped: "paused",
    });
    expect(stepCatchUp(state({ catchingUp: true, live: false, behindSeconds: 40 }))).toMatchObject({
      catchingUp: false,
      playbackRate: 1,
      stopped: "ended",
    });
  });

  it("treats a position past the edge (a stale edge) as at the edge", () => {
    expect(stepCatchUp(state({ catchingUp: true, behindSeconds: -2 }))).toMatchObject({ arrived: true, playbackRate: 1 });
  });
});

describe("catch-up helpers", () => {
  it("estimates the time to the live edge from the gap and the rate", () => {
    expect(secondsToCatchUp(CATCH_UP_ARRIVED_SECONDS + 30, 1.5)).toBe(60);
    expect(secondsToCatchUp(CATCH_UP_ARRIVED_SECONDS + 30, 2)).toBe(30);
    expect(secondsToCatchUp(1, 2)).toBe(0);
  });

  it("formats how far behind", () => {
    expect(formatBehind(65)).toBe("1:05");
    expect(formatBehind(3723)).toBe("1:02:03");
    expect(formatBehind(-1)).toBe("0:00");
  });

  it("knows the offered rates", () => {
    expect(isCatchUpRate(1.25)).toBe(true);
    expect(isCatchUpRate(3)).toBe(false);
    expect(isCatchUpRate("2")).toBe(false);
  });
});
