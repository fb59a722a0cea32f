/**
 * Why an upload could not be processed, in words the speaker can act on, from ffmpeg's last
 * lines. The raw line is kept at the end for the organizer who has to look further.
 */
export function describeTranscodeFailure(options: { stderr: string; exitCode: number | null; segments: number }): string {
  const lines = options.stderr
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  // Without the server's temporary file path, which means nothing to the reader.
  const last = (lines.at(-1) ?? "").replace(/^\/\S+?:\s*/, "").slice(0, 160);
  const detail = last ? ` (ffmpeg: ${last})` : "";
  if (/moov atom not found/i.test(options.stderr)) {
    return `The file is incomplete: the end of the MP4 is missing, as when an export or an upload is cut short. Export it again and upload the whole file.${detail}`;
  }
  if (/Invalid data found when processing input|EBML header parsing failed|truncat/i.test(options.stderr)) {
    return `The file is damaged or incomplete, so it cannot be read. Export it again and upload the new file.${detail}`;
  }
  if (/does not contain any stream|Stream map '0:v:0' matches no streams|matches no streams/i.test(options.stderr)) {
    return `The file has no video picture to show. Upload a video with a picture track.${detail}`;
  }
  if (options.exitCode === 0 && options.segments === 0) return "The file holds no playable video. Upload another file.";
  return `The video could not be processed. Try exporting it as MP4 (H.264 + AAC) and upload it again.${detail}`;
}
