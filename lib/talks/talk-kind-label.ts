import type { TalkKind } from "@/lib/db/generated/enums";

const LABELS: Record<TalkKind, string> = { KEYNOTE: "Keynote", TALK: "Talk", PANEL: "Panel", WORKSHOP: "Workshop" };

/** How a talk's kind reads on a badge, in the editor and in a sentence ("About this panel"). */
export function talkKindLabel(kind: TalkKind): string {
  return LABELS[kind];
}
