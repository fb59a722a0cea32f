import { z } from "zod";

/** How the player is showing the talk: as it airs (live, a premiere) or afterwards (replay). */
export const ViewingModeInput = z.enum(["live", "premiere", "replay"]);
export type ViewingModeInput = z.infer<typeof ViewingModeInput>;

/** The player's "still watching" signal, sent about every 30 s while the video plays. */
export const ViewerHeartbeatInput = z.object({ talkId: z.string().min(1).max(64), mode: ViewingModeInput }).strict();
export type ViewerHeartbeatInput = z.infer<typeof ViewerHeartbeatInput>;

export const AnalyticsExportKind = z.enum(["talks", "sales", "talk"]);
export type AnalyticsExportKind = z.infer<typeof AnalyticsExportKind>;

export const AnalyticsExportQuery = z
  // Ids are cuids: the id goes into the download's file name, so nothing else is let through.
  .object({
    kind: AnalyticsExportKind.default("talks"),
    talkId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a talk id")
      .optional(),
  })
  .refine((q) => q.kind !== "talk" || q.talkId, { message: "Name the talk (talkId) to export its minutes", path: ["talkId"] });
export type AnalyticsExportQuery = z.infer<typeof AnalyticsExportQuery>;

/** One point of a time series: the bucket's start (ISO, UTC) and its values. */
export type SeriesPoint = { at: string } & Record<string, number | string>;

/** A time series in buckets of `bucketMinutes` (chosen so a chart stays readable). */
export type TimeSeries<K extends string> = { bucketMinutes: number; points: ({ at: string } & Record<K, number>)[] };

/** What an organizer sees per talk: audience as it aired and afterwards, and its activity. */
export type TalkAudience = {
  talkId: string;
  title: string;
  slug: string;
  stage: string;
  startsAt: string;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  liveViewers: number;
  replayViewers: number;
  uniqueViewers: number;
  peakLive: number;
  peakReplay: number;
  liveMinutes: number;
  replayMinutes: number;
  /** Watch minutes (live + replay) per unique viewer. */
  averageMinutes: number;
  chatMessages: number;
  questions: number;
};

export type SalesDay = { day: string; orders: number; tickets: number; revenueCents: number; redemptions: number };
