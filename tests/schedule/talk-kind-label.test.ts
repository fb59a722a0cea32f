import { describe, expect, it } from "vitest";
import { talkKindLabel } from "@/lib/talks/talk-kind-label";
import { TALK_KINDS } from "@/lib/schedule-editor/schemas";

describe("talk kind labels", () => {
  it("every kind the editor offers reads as a word on badges, in the grid and in the form", () => {
    expect(TALK_KINDS.map((kind) => talkKindLabel(kind))).toEqual(["Keynote", "Talk", "Panel", "Workshop"]);
  });
});
