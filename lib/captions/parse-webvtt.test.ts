import { describe, expect, it } from "vitest";
import { MAX_CUES, parseWebVtt } from "./parse-webvtt";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("parseWebVtt", () => {
  it("reads cues with identifiers, settings, hours, notes, styles, a BOM and CRLF line ends", () => {
    const file =
      "\uFEFFWEBVTT - Live video at the edge\r\nKind: captions\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nNOTE made by hand\r\n\r\n" +
      "intro\r\n00:00:01.000 --> 00:00:04.250 line:90%\r\nHello\r\nand welcome\r\n\r\n\r\n01:02:03.004 --> 01:02:05.000\r\n<v Sam>Bye</v>\r\n";
    const parsed = parseWebVtt(bytes(file));
    expect(parsed).toMatchObject({
      ok: true,
      cues: [
        { startSeconds: 1, endSeconds: 4.25, text: "Hello\nand welcome" },
        { startSeconds: 3723.004, endSeconds: 3725, text: "<v Sam>Bye</v>" },
      ],
    });
    // Stored as text with plain line ends and no BOM.
    if (parsed.ok) expect(parsed.text.startsWith("WEBVTT - Live")).toBe(true);
    if (parsed.ok) expect(parsed.text).not.toContain("\r");
  });

  it("says what is wrong and on which line", () => {
    const cases: [string, RegExp][] = [
      ["WEBVTTX\n\n00:01.000 --> 00:02.000\nx\n", /"WEBVTT" header/],
      ["WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\n\nSTYLE\n::cue {}\n", /Line 6: STYLE blocks must come before the first cue/],
      ["WEBVTT\n\n00:01.000 --> 00:02.000\nno blank line\n00:03.000 --> 00:04.000\nsecond\n", /Line 5: a cue's text cannot contain "-->"/],
      ["WEBVTT\n\n00:61.000 --> 00:62.000\nbad seconds\n", /Line 3: expected a cue timing/],
      ["WEBVTT\n\n00:01,000 --> 00:02,000\nSubRip commas\n", /Line 3: expected a cue timing/],
      ["WEBVTT\n\nan identifier only\n", /Line 4: expected a cue timing/],
    ];
    for (const [file, message] of cases) {
      const parsed = parseWebVtt(bytes(file));
      expect(parsed.ok, file).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(message);
    }
  });

  it("refuses binary data: invalid UTF-8, NUL, control characters", () => {
    expect(parseWebVtt(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: false, message: expect.stringMatching(/UTF-8/) });
    expect(parseWebVtt(bytes("WEBVTT\n\n00:01.000 --> 00:02.000\n\u0000\n"))).toMatchObject({ ok: false, message: expect.stringMatching(/NUL/) });
    expect(parseWebVtt(bytes("WEBVTT\n\u001b[31m\n"))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Line 2 contains control characters/),
    });
  });

  it("caps the number of cues", () => {
    const cue = "00:00.000 --> 00:00.500\nx\n\n";
    expect(parseWebVtt(bytes(`WEBVTT\n\n${cue.repeat(MAX_CUES)}`)).ok).toBe(true);
    expect(parseWebVtt(bytes(`WEBVTT\n\n${cue.repeat(MAX_CUES + 1)}`))).toMatchObject({ ok: false, message: expect.stringMatching(/more than/) });
  });
});
