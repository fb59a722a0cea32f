import { can, type Viewer } from "@/lib/permissions/can";
import type { AuthorBadge } from "./schemas";

/** The badge beside a name: organizers everywhere; speakers in their own talk (and in the hallway). */
export function authorBadge(author: Viewer, talkId: string | null): AuthorBadge {
  if (can(author, "conference:organize")) return "organizer";
  if (talkId ? author.speakerTalkIds.has(talkId) : author.speakerTalkIds.size > 0) return "speaker";
  return null;
}
