import { describe, expect, it } from "vitest";
import { addTokenToPlaylist, signMediaToken, verifyMediaToken } from "./media-token";

describe("media tokens", () => {
  it("lets a token read its own talk until it expires, and nothing else", () => {
    const now = new Date("2026-11-30T12:00:00Z");
    const token = signMediaToken({ talkId: "talk-a", now });
    expect(verifyMediaToken({ talkId: "talk-a", token, now })).toEqual({ ok: true });
    expect(verifyMediaToken({ talkId: "talk-b", token, now })).toEqual({ ok: false, reason: "invalid" });
    expect(verifyMediaToken({ talkId: "talk-a", token, now: new Date(now.getTime() + 5 * 3600_000) })).toEqual({ ok: false, reason: "expired" });
    expect(verifyMediaToken({ talkId: "talk-a", token: null, now })).toEqual({ ok: false, reason: "missing" });
    // A later expiry with the old signature is a forgery.
    const [expiry, mac] = token.split(".");
    expect(verifyMediaToken({ talkId: "talk-a", token: `${Number(expiry) + 3600}.${mac}`, now })).toEqual({ ok: false, reason: "invalid" });
  });

  it("gives viewers of a talk the same token for a while, so a CDN caches one URL per segment", () => {
    const a = signMediaToken({ talkId: "talk-a", now: new Date("2026-11-30T12:00:01Z") });
    const b = signMediaToken({ talkId: "talk-a", now: new Date("2026-11-30T12:04:59Z") });
    expect(a).toBe(b);
  });

  it("adds the token to segment and rendition playlist URIs, never to tags", () => {
    const media = "#EXTM3U\n#EXTINF:1.000,\n000000.ts\n#EXT-X-ENDLIST\n";
    expect(addTokenToPlaylist(media, "1.x")).toBe("#EXTM3U\n#EXTINF:1.000,\n000000.ts?token=1.x\n#EXT-X-ENDLIST\n");
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,NAME="v0"\nv0/index.m3u8\n';
    expect(addTokenToPlaylist(master, "1.x")).toBe('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1,NAME="v0"\nv0/index.m3u8?token=1.x\n');
  });

  it("makes segment URIs absolute under a public base, leaving playlist URIs relative", () => {
    const media = "#EXTM3U\n#EXTINF:1.000,\n000000.ts\n";
    expect(addTokenToPlaylist(media, "1.x", "https://cdn.example/talks/t/r/v0/")).toBe(
      "#EXTM3U\n#EXTINF:1.000,\nhttps://cdn.example/talks/t/r/v0/000000.ts?token=1.x\n",
    );
  });
});
