import { createElement, type ComponentProps } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TalkPlayer } from "@/app/_components/media/talk-player";
import { TimeZoneProvider } from "@/app/_components/schedule/time-zone";

// What the server sends is what a viewer sees until the page hydrates: the player's "starts at"
// must not be the conference's wall clock there, or a viewer in another zone sees it flash.
function serverRenderedPlayer(options: { conferenceZone: string; startsAt: string }) {
  const player = createElement(TalkPlayer, {
    talkId: "talk-1",
    media: null,
    status: "SCHEDULED",
    realtimeUrl: "http://127.0.0.1:1",
    title: "A talk",
    startsAt: options.startsAt,
  });
  const zone = { conferenceZone: options.conferenceZone } as ComponentProps<typeof TimeZoneProvider>;
  return renderToString(createElement(TimeZoneProvider, zone, player));
}

describe("player placeholder before a talk goes live", () => {
  it("is server-rendered without the start in the conference's zone (the viewer's zone is filled in once hydrated)", () => {
    const startsAt = "2026-12-03T16:30:00.000Z";
    const html = serverRenderedPlayer({ conferenceZone: "America/New_York", startsAt });
    expect(html).toContain("The stream appears here when the talk starts");
    // 11:30 in New York; the placeholder keeps its place with an empty <time> for the instant.
    expect(html).not.toMatch(/11:30/);
    expect(html).not.toMatch(/Thu, 3 Dec/);
    expect(html).toContain(`dateTime="${startsAt}"`);
  });
});
