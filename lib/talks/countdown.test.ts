import { describe, expect, it } from "vitest";
import { countdownAnnouncement, describeCountdown, describeSlotForSpeaker, formatCountdownClock } from "./countdown";

const start = new Date("2026-12-01T10:00:00Z");
const at = (offsetMs: number) => describeCountdown({ startsAt: start, now: start.getTime() + offsetMs });

describe("talk countdown", () => {
  it("shows mm:ss under an hour, hh:mm:ss from an hour, and no clock (a date) from a day away", () => {
    expect(at(-(4 * 60_000 + 12_000)).clock).toBe("04:12");
    expect(at(-(3600_000 + 4 * 60_000 + 12_000)).clock).toBe("01:04:12");
    expect(at(-(23 * 3600_000 + 59 * 60_000 + 59_000)).clock).toBe("23:59:59");
    expect(at(-24 * 3600_000).clock).toBeNull();
    expect(at(-3 * 24 * 3600_000).state).toBe("upcoming");
  });

  it("rounds seconds up, so the clock reads 00:00 only when the start is reached", () => {
    expect(formatCountdownClock(200)).toBe("00:01");
    expect(formatCountdownClock(59_001)).toBe("01:00");
    expect(formatCountdownClock(0)).toBe("00:00");
    expect(formatCountdownClock(-5_000)).toBe("00:00");
    expect(at(-200)).toMatchObject({ state: "starting-soon", clock: "00:01" });
    expect(at(0)).toMatchObject({ state: "overdue", clock: null });
  });

  it("is upcoming, then starting soon within a minute, then overdue once the start passed", () => {
    expect(at(-61_000).state).toBe("upcoming");
    expect(at(-60_000).state).toBe("starting-soon");
    expect(at(-1_000).state).toBe("starting-soon");
    expect(at(1).state).toBe("overdue");
    expect(at(59_999).minutesLate).toBe(0);
    expect(at(2 * 60_000 + 5_000).minutesLate).toBe(2);
  });

  it("announces only at thresholds, so a live region speaks a few times, not every second", () => {
    expect(countdownAnnouncement(60_000)).toBe("Starting in 1 minute");
    expect(countdownAnnouncement(30_000)).toBe("Starting in 1 minute");
    expect(countdownAnnouncement(61_000)).toBe("Starting in 2 minutes");
    expect(countdownAnnouncement(4 * 60_000 + 12_000)).toBe("Starting in 5 minutes");
    expect(countdownAnnouncement(90 * 60_000)).toBe("Starts in 2 hours");
    expect(countdownAnnouncement(30 * 3600_000)).toBe("Starts in 2 days");
    expect(countdownAnnouncement(0)).toBe("Starting now");
    // Over the last ten minutes, counted every second, the text changes four times.
    const texts = new Set<string>();
    for (let s = 600; s >= 1; s--) texts.add(at(-s * 1000).announcement);
    expect([...texts]).toEqual(["Starting in 10 minutes", "Starting in 5 minutes", "Starting in 2 minutes", "Starting in 1 minute"]);
  });

  it("tells the speaker how long until their slot, then how far past it they are", () => {
    expect(describeSlotForSpeaker(at(-(4 * 60_000 + 12_000)))).toBe("Your slot starts in 04:12");
    expect(describeSlotForSpeaker(at(-2 * 24 * 3600_000))).toBe("Your slot starts in 2 days");
    expect(describeSlotForSpeaker(at(20_000))).toBe("Your slot starts now");
    expect(describeSlotForSpeaker(at(2 * 60_000 + 30_000))).toBe("You are 2 min past your start");
  });

  it("accepts the start as an ISO string, as pages pass it to the browser", () => {
    expect(describeCountdown({ startsAt: start.toISOString(), now: start.getTime() - 90_000 }).clock).toBe("01:30");
  });
});
