// A premiere's captions follow its media (lib/media/find-unaired-premiere.ts): what has not aired
// is not served, so a track is cut to the cues that start before the aired position.

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;

function cueStartSeconds(block: string[]): number | null {
  const timing = block.find((line) => line.includes("-->"));
  const match = timing ? TIMESTAMP.exec(timing.trim().split(/[ \t]+/)[0] ?? "") : null;
  return match ? Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]) + Number(match[4]) / 1000 : null;
}

/**
 * The WebVTT text (as stored: checked by parse-webvtt.ts, newlines normalised) with the header,
 * STYLE and REGION blocks and only the cues starting before `airedSeconds`. NOTE blocks go too:
 * comments are for editors, and one may tell what is coming.
 */
export function keepAiredCues(vtt: string, airedSeconds: number): string {
  const lines = vtt.split("\n");
  const blocks: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(line);
  }
  if (current.length) blocks.push(current);
  const [header = ["WEBVTT"], ...rest] = blocks;
  const kept = rest.filter((block) => {
    const first = block[0]!;
    if (/^(STYLE|REGION)(?:[ \t]|$)/.test(first)) return true;
    if (/^NOTE(?:[ \t]|$)/.test(first)) return false;
    const start = cueStartSeconds(block);
    return start !== null && start < airedSeconds;
  });
  return [header, ...kept].map((block) => block.join("\n")).join("\n\n") + "\n";
}
