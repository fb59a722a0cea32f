import { prisma } from "@/lib/db/client";
import type { ChapterView } from "./schemas";
import { getTalkWithPermissionOrThrow } from "@/lib/talks/get-talk-with-permission";

function timestamp(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const hh = String(Math.floor(s / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${hh}:${mm}:${ss}.000`;
}

/**
 * Chapters as a WebVTT chapters track (`<track kind="chapters">`, or for editors that import one):
 * each runs until the next, the last until the end of the recording (or an hour on, unknown yet).
 */
export function chaptersToWebVtt(chapters: ChapterView[], endSeconds: number | null): string {
  const sorted = [...chapters].sort((a, b) => a.offsetSeconds - b.offsetSeconds);
  const blocks = sorted.map((chapter, i) => {
    const next = sorted[i + 1]?.offsetSeconds;
    const end = next ?? (endSeconds !== null && endSeconds > chapter.offsetSeconds ? endSeconds : chapter.offsetSeconds + 3600);
    // A cue's text cannot hold a blank line or "-->"; titles are single-line already.
    return `${i + 1}\n${timestamp(chapter.offsetSeconds)} --> ${timestamp(end)}\n${chapter.title.replaceAll("-->", "->")}`;
  });
  return ["WEBVTT", ...blocks].join("\n\n") + "\n";
}

// Unlike captions, chapters are served in full during a premiere (as the chapter list is): they are
// titles the speakers chose to show, the talk's outline like its abstract, not its content, and a
// viewer who joins a premiere can see where it is going without being able to skip ahead (the media
// past the aired position is still refused).
export async function renderChaptersVtt(options: { talkId: string; userId: string | null }): Promise<string> {
  await getTalkWithPermissionOrThrow({ ...options, permission: "talk:watch" });
  const [chapters, recording] = await Promise.all([
    prisma.talkChapter.findMany({ where: { talkId: options.talkId }, select: { id: true, title: true, offsetSeconds: true } }),
    prisma.recording.findUnique({ where: { talkId: options.talkId }, select: { durationMs: true } }),
  ]);
  const end = recording && recording.durationMs > 0 ? Math.ceil(recording.durationMs / 1000) : null;
  return chaptersToWebVtt(chapters, end);
}
