import { assertCan } from "@/lib/permissions/get-viewer";
import type { Permission } from "@/lib/permissions/can";
import { getTalkAccessOrThrow } from "./get-talk-access";

/** The talk and its viewer, after checking the viewer holds `permission` on it (401/402/403 otherwise). */
export async function getTalkWithPermissionOrThrow(options: { talkId: string; userId: string | null; permission: Permission }) {
  const { talk, viewer } = await getTalkAccessOrThrow({ talkId: options.talkId, userId: options.userId });
  assertCan(viewer, options.permission, talk);
  return { talk, viewer };
}
