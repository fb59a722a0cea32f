import { AppError } from "@/lib/errors/app-error";
import { rooms } from "@/lib/realtime/events";
import type { PlenaryServer, PlenarySocket } from "../socket/types";
import type { RoomBatcher } from "./room-batcher";
import type { PresenceTracker } from "./presence-tracker";

/** What the audience handlers (chat, Q&A, polls, presence) share on one realtime node. */
export type AudienceContext = {
  io: PlenaryServer;
  batcher: RoomBatcher;
  presence: PresenceTracker;
  /** Runs `fn` at most once per `ms` per key, trailing (poll results during a voting rush). */
  throttle: (key: string, ms: number, fn: () => void) => void;
};

export const modRoom = (roomKey: string) => `${roomKey}:mod`;
export const pollRoom = (pollId: string) => `poll:${pollId}`;
export const hallwayRoom = (conferenceId: string) => `hallway:${conferenceId}`;

export function userOrThrow(socket: PlenarySocket) {
  const user = socket.data.user;
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to do that");
  return user;
}

export const userIdOf = (socket: PlenarySocket) => socket.data.user?.id ?? null;

/**
 * Per-account pushes (a sanction, a pending question, a vote from another tab) go to the account's
 * room. A socket joins it when it opens a chat, Q&A or polls panel, the only places that listen:
 * an idle connection then keeps no room of its own.
 */
export async function joinAccountRoom(socket: PlenarySocket): Promise<void> {
  if (socket.data.user) await socket.join(rooms.user(socket.data.user.id));
}
