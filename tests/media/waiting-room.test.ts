import { createElement, type ComponentProps } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TalkWaitingRoom } from "@/app/_components/media/talk-waiting-room";
import { TimeZoneProvider } from "@/app/_components/schedule/time-zone";

function serverRendered(props: ComponentProps<typeof TalkWaitingRoom>) {
  const zone = { conferenceZone: "Europe/Berlin" } as ComponentProps<typeof TimeZoneProvider>;
  return renderToString(createElement(TimeZoneProvider, zone, createElement(TalkWaitingRoom, props)));
}

describe("the waiting room before a talk goes live", () => {
  it("stands in the player's place, and leaves the countdown blank until the viewer's clock runs it (no hydration mismatch)", () => {
    const html = serverRendered({ title: "A talk", startsAt: new Date(Date.now() + 90_000).toISOString(), premiere: false });
    expect(html).toContain('aria-label="Video player: A talk"');
    expect(html).toContain("The stream appears here when the talk starts");
    expect(html).toContain('role="timer"');
    expect(html).toContain('aria-live="polite"');
    // The server's clock is not the viewer's: a count rendered here would differ from the first one hydrated.
    expect(html).not.toMatch(/Starts in|Starting/);
  });

  it("says a pre-recorded talk premieres", () => {
    const html = serverRendered({ title: "A talk", startsAt: new Date(Date.now() + 90_000).toISOString(), premiere: true });
    expect(html).toContain("Premieres at the scheduled start");
  });
});
