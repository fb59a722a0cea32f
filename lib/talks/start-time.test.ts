import { describe, expect, it } from "vitest";
import { MAX_START_SECONDS, parseStartTime, parseTimeInput, startTimeParam } from "./start-time";

describe("parseStartTime (?t= on a talk URL)", () => {
  it("reads plain seconds, as the moment links write them", () => {
    expect(parseStartTime("90")).toBe(90);
    expect(parseStartTime("0")).toBe(0);
    expect(parseStartTime("12.5")).toBe(12.5);
  });

  it("reads hours, minutes and seconds in units", () => {
    expect(parseStartTime("1m30s")).toBe(90);
    expect(parseStartTime("45s")).toBe(45);
    expect(parseStartTime("2m")).toBe(120);
    expect(parseStartTime("1h2m3s")).toBe(3723);
    expect(parseStartTime("1H05M")).toBe(3900);
  });

  it("ignores what is not a time", () => {
    for (const bad of [undefined, null, "", "abc", "-5", "1m30", "m", "1s2m", "1e3", "90 ", "Infinity", "0x10", "1:30"]) {
      expect(parseStartTime(bad as string | undefined), String(bad)).toBe(bad === "90 " ? 90 : undefined);
    }
  });

  it("refuses starts past a day", () => {
    expect(parseStartTime(String(MAX_START_SECONDS))).toBe(MAX_START_SECONDS);
    expect(parseStartTime(String(MAX_START_SECONDS + 1))).toBeUndefined();
    expect(parseStartTime("99h")).toBeUndefined();
  });

  it("writes whole seconds", () => {
    expect(startTimeParam(90.7)).toBe("90");
    expect(startTimeParam(-3)).toBe("0");
  });

  it("reads what people type into a chapter's start: clocks, seconds and units", () => {
    expect(parseTimeInput("1:30")).toBe(90);
    expect(parseTimeInput("01:02:03")).toBe(3723);
    expect(parseTimeInput("75:00")).toBe(4500);
    expect(parseTimeInput(" 90 ")).toBe(90);
    expect(parseTimeInput("12.9")).toBe(12);
    expect(parseTimeInput("1m30s")).toBe(90);
    for (const bad of ["", "1:3", "1:60", "1:75:00", "abc", "-1:00", "25:00:01"]) expect(parseTimeInput(bad), bad).toBeUndefined();
  });
});
