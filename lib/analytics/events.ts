import { clientEvent } from "@/lib/realtime/contract";
import { ViewerHeartbeatInput } from "./schemas";

// The player's heartbeat while it plays (needs `talk:watch`). `counted`: false when the heartbeat
// came too soon after the last one of this socket and talk (it changes nothing then).
export const analyticsClientEvents = {
  "viewing:heartbeat": clientEvent(ViewerHeartbeatInput).acks<{ counted: boolean }>(),
};
