import type { Role } from "@/lib/db/generated/enums";

// Every permission in Plenary is named here and decided here, from a Viewer loaded once per
// request or socket (see get-viewer.ts). Nothing else compares roles.
export type Viewer = {
  userId: string | null;
  conferenceId: string;
  role: Role | null;
  hasTicket: boolean;
  // Talks this user presents (through a Speaker profile linked to the account).
  speakerTalkIds: ReadonlySet<string>;
};

export type TalkRef = { id: string; conferenceId: string; isPublic: boolean };

export type Permission =
  | "conference:organize" // admin area: schedule, tickets, registrations
  | "conference:moderate-chat" // mute/ban/announce/rate limits anywhere in the conference
  | "conference:chat" // hallway channel
  | "talk:watch"
  | "talk:chat"
  | "talk:broadcast" // speaker studio, upload, go live / end
  | "talk:moderate" // delete messages, slow mode, Q&A answer/pin, polls in this talk
  | "talk:view-stream-key"
  | "talk:go-live-early" // go public before the slot's window opens (a speaker can test privately instead)
  | "talk:edit-chapters" // chapter marks on the talk's timeline, during or after it
  | "talk:upload-captions" // WebVTT captions tracks of the talk's recording
  | "agenda:edit";

export function isOrganizer(viewer: Viewer): boolean {
  return viewer.userId !== null && viewer.role === "ORGANIZER";
}

function presents(viewer: Viewer, talk: TalkRef | undefined): boolean {
  return !!talk && viewer.userId !== null && viewer.speakerTalkIds.has(talk.id);
}

/** Staff (organizers, speakers) get in without a ticket. */
function admitted(viewer: Viewer): boolean {
  return viewer.userId !== null && (viewer.hasTicket || viewer.role === "ORGANIZER" || viewer.role === "SPEAKER");
}

export function can(viewer: Viewer, permission: Permission, talk?: TalkRef): boolean {
  if (talk && talk.conferenceId !== viewer.conferenceId) return false;
  switch (permission) {
    case "conference:organize":
    case "conference:moderate-chat":
      return isOrganizer(viewer);
    case "conference:chat":
      return admitted(viewer);
    case "talk:watch":
      return !!talk && (talk.isPublic || admitted(viewer));
    case "talk:chat":
      // Public talks still need an account to chat (moderation is by account).
      return !!talk && viewer.userId !== null && (talk.isPublic || admitted(viewer));
    case "talk:broadcast":
    case "talk:moderate":
      return isOrganizer(viewer) || presents(viewer, talk);
    case "talk:view-stream-key":
    case "talk:edit-chapters":
    case "talk:upload-captions":
      return isOrganizer(viewer) || presents(viewer, talk);
    case "talk:go-live-early":
      return isOrganizer(viewer);
    case "agenda:edit":
      return viewer.userId !== null;
  }
}

export function anonymousViewer(conferenceId: string): Viewer {
  return { userId: null, conferenceId, role: null, hasTicket: false, speakerTalkIds: new Set() };
}

/**
 * Starting a new conference on this instance (importing an event into a new one): for people who
 * organize a conference here already. They become its first organizer; nobody else gets a role.
 */
export function canCreateConference(account: { userId: string | null; organizedConferences: number }): boolean {
  return account.userId !== null && account.organizedConferences > 0;
}
