import { describe, expect, it } from "vitest";
import { dayKey, formatTime, offsetMinutes, zonedTimeToInstant } from "@/lib/schedule/time-zones";

describe("time zones around daylight saving changes", () => {
  it("converts conference wall time to instants on both sides of the spring change (Berlin, 29 March 2026)", () => {
    expect(zonedTimeToInstant("2026-03-28", "10:00", "Europe/Berlin").toISOString()).toBe("2026-03-28T09:00:00.000Z");
    expect(zonedTimeToInstant("2026-03-29", "10:00", "Europe/Berlin").toISOString()).toBe("2026-03-29T08:00:00.000Z");
  });

  it("moves a wall time inside the spring-forward gap to just after the jump", () => {
    // 02:30 does not exist in Berlin on 29 March 2026; clocks go from 02:00 to 03:00.
    const instant = zonedTimeToInstant("2026-03-29", "02:30", "Europe/Berlin");
    expect(instant.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(formatTime(instant, "Europe/Berlin")).toBe("03:30");
  });

  it("takes the earlier instant for an ambiguous fall-back time (New York, 1 November 2026)", () => {
    const instant = zonedTimeToInstant("2026-11-01", "01:30", "America/New_York");
    expect(instant.toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("shows the same instant differently per viewer zone, with the right day", () => {
    const talk = zonedTimeToInstant("2026-10-25", "09:00", "Europe/Berlin"); // first day of winter time
    expect(talk.toISOString()).toBe("2026-10-25T08:00:00.000Z");
    expect(formatTime(talk, "America/Los_Angeles")).toBe("01:00");
    expect(formatTime(talk, "Asia/Tokyo")).toBe("17:00");
    expect(dayKey(zonedTimeToInstant("2026-10-25", "23:30", "Europe/Berlin"), "Asia/Tokyo")).toBe("2026-10-26");
    expect(offsetMinutes(talk, "Europe/Berlin")).toBe(60);
    expect(offsetMinutes(new Date("2026-10-24T08:00:00Z"), "Europe/Berlin")).toBe(120);
  });
});
