/** How a talk's kind reads to people: on the talk page and in its shared preview. */
export const talkKindLabel = { KEYNOTE: "Keynote", TALK: "Talk", PANEL: "Panel", WORKSHOP: "Workshop" } as const;
