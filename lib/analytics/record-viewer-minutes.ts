import { prisma } from "@/lib/db/client";

export type ViewerMinuteRow = { talkId: string; minute: Date; mode: "LIVE" | "PREMIERE" | "REPLAY"; viewerKey: string };

/**
 * Stores viewer-minutes in ONE statement whatever their number: four arrays, unnested. A minute
 * already stored (another node saw the same viewer, or an earlier flush) is skipped by the key,
 * so nodes add up without coordinating. A talk deleted meanwhile drops its rows (no FK error).
 */
export async function recordViewerMinutes(options: { rows: ViewerMinuteRow[] }): Promise<number> {
  const { rows } = options;
  if (rows.length === 0) return 0;
  // Minutes as text without a zone: the column is UTC `timestamp(3)`, as Prisma stores DateTime.
  const minutes = rows.map((r) => r.minute.toISOString().replace("Z", ""));
  return prisma.$executeRaw`
    INSERT INTO "ViewerMinute" ("talkId", "minute", "mode", "viewerKey")
    SELECT v."talkId", v."minute"::timestamp(3), v."mode"::"ViewingMode", v."viewerKey"
    FROM unnest(${rows.map((r) => r.talkId)}::text[], ${minutes}::text[], ${rows.map((r) => r.mode)}::text[], ${rows.map((r) => r.viewerKey)}::text[])
      AS v("talkId", "minute", "mode", "viewerKey")
    WHERE EXISTS (SELECT 1 FROM "Talk" t WHERE t."id" = v."talkId")
    ON CONFLICT DO NOTHING`;
}
