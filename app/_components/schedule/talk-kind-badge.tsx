import type { TalkKind } from "@/lib/db/generated/enums";
import { talkKindLabel } from "@/lib/talks/talk-kind-label";
import { Badge } from "../ui/badge";

/** A talk's kind as a badge; keynotes stand out. */
export function TalkKindBadge({ kind }: { kind: TalkKind }) {
  return <Badge tone={kind === "KEYNOTE" ? "brand" : "neutral"}>{talkKindLabel(kind)}</Badge>;
}
