import crypto from "node:crypto";
import { prisma } from "@/lib/db/client";
import { assertCan } from "@/lib/permissions/get-viewer";
import { getTalkAccessOrThrow } from "@/lib/talks/get-talk-access";
import { rtmpServerUrl } from "@/lib/media/get-stream-key";
import { findIngest } from "./ingest/ingest-registry";

/** A new stream key; the old one stops working at once (an encoder using it is disconnected). */
export async function rotateStreamKey(options: { talkId: string; userId: string | null }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, "talk:view-stream-key", talk);
  const streamKey = crypto.randomBytes(24).toString("base64url");
  await prisma.talk.update({ where: { id: talk.id }, data: { streamKey } });
  findIngest(talk.id)?.emit("stream-key-rotated");
  return { streamKey, rtmpUrl: rtmpServerUrl() };
}
