// Checks that an uploaded file is WebVTT (https://www.w3.org/TR/webvtt1/) before it is stored, so
// a player never gets a track it cannot read and nobody stores other files under a captions URL.
// It is the parser's subset that matters for that: the header, blocks separated by blank lines,
// NOTE/STYLE/REGION blocks, cues with an optional identifier, a timing line and a payload.

export type WebVttCue = { startSeconds: number; endSeconds: number; text: string };

export type ParsedWebVtt = { ok: true; text: string; cues: WebVttCue[] } | { ok: false; message: string };

export const MAX_CUES = 20_000;
const MAX_CUE_TEXT = 2_000;

// hh:mm:ss.ttt or mm:ss.ttt
const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function readTimestamp(value: string): number | null {
  const match = TIMESTAMP.exec(value);
  if (!match) return null;
  return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4]) / 1000;
}

function readTiming(line: string): { start: number; end: number } | null {
  const [start, arrow, end] = line.trim().split(/[ \t]+/);
  if (arrow !== "-->" || !start || !end) return null;
  const s = readTimestamp(start);
  const e = readTimestamp(end);
  return s === null || e === null ? null : { start: s, end: e };
}

/** Decodes and checks a WebVTT file; the message says what is wrong and where, for the uploader. */
export function parseWebVtt(bytes: Uint8Array): ParsedWebVtt {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, message: "The file is not UTF-8 text: WebVTT captions are UTF-8" };
  }
  if (text.includes("\u0000")) return { ok: false, message: "The file contains NUL characters: it is not a WebVTT text file" };
  text = text.replace(/\r\n?/g, "\n");
  const lines = text.split("\n");
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? "")) {
    return { ok: false, message: 'The file does not start with the "WEBVTT" header: it is not a WebVTT file' };
  }
  const controlLine = lines.findIndex((line) => CONTROL.test(line));
  if (controlLine >= 0) return { ok: false, message: `Line ${controlLine + 1} contains control characters: it is not a WebVTT text file` };

  const cues: WebVttCue[] = [];
  let i = 1;
  // The header block runs until the first blank line.
  while (i < lines.length && lines[i] !== "") i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === "") i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== "") block.push(lines[i++]!);
    const first = block[0]!;
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) {
      if (first.startsWith("NOTE") || cues.length === 0) continue;
      return { ok: false, message: `Line ${blockStart + 1}: ${first.split(/[ \t]/)[0]} blocks must come before the first cue` };
    }
    // An identifier line (no "-->") may precede the timing line.
    // A first line that begins like a timestamp is a broken timing line, not an identifier.
    const timingIndex = first.includes("-->") || /^(\d{2,}:)?\d{2}:\d{2}[.,]/.test(first) ? 0 : 1;
    const timingLine = block[timingIndex];
    const timing = timingLine === undefined ? null : readTiming(timingLine);
    if (!timing) {
      return {
        ok: false,
        message: `Line ${blockStart + timingIndex + 1}: expected a cue timing like "00:01.000 --> 00:04.000"${timingLine ? `, found "${timingLine.slice(0, 60)}"` : ""}`,
      };
    }
    if (timing.end <= timing.start) return { ok: false, message: `Line ${blockStart + timingIndex + 1}: the cue ends before it starts` };
    const textLines = block.slice(timingIndex + 1);
    const arrowLine = textLines.findIndex((line) => line.includes("-->"));
    if (arrowLine >= 0) {
      return { ok: false, message: `Line ${blockStart + timingIndex + 2 + arrowLine}: a cue's text cannot contain "-->" (is a blank line missing?)` };
    }
    const cueText = textLines.join("\n");
    if (cueText.length > MAX_CUE_TEXT)
      return { ok: false, message: `Line ${blockStart + timingIndex + 2}: a cue's text is longer than ${MAX_CUE_TEXT} characters` };
    cues.push({ startSeconds: timing.start, endSeconds: timing.end, text: cueText });
    if (cues.length > MAX_CUES) return { ok: false, message: `The file has more than ${MAX_CUES} cues` };
  }
  if (cues.length === 0) return { ok: false, message: "The file has no cues: nothing would be shown" };
  return { ok: true, text, cues };
}
