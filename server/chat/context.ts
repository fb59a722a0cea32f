import type { Server } from "socket.io";
import type { RoomBatcher } from "./room-batcher";
import type { PresenceTracker } from "./presence-tracker";

/** What the chat handlers share on one realtime node. */
export type ChatContext = {
  io: Server;
  batcher: RoomBatcher;
  presence: PresenceTracker;
  /** Runs `fn` at most once per `ms` per key, trailing (poll results during a voting rush). */
  throttle: (key: string, ms: number, fn: () => void) => void;
};

export const modRoom = (roomKey: string) => `${roomKey}:mod`;
export const pollRoom = (pollId: string) => `poll:${pollId}`;
export const hallwayRoom = (conferenceId: string) => `hallway:${conferenceId}`;
