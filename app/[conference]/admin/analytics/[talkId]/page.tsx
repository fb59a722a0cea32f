import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState, PageHeader } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button";
import { orNotFound } from "@/app/_lib/or-not-found";
import { getTalkAnalytics } from "@/lib/analytics/get-talk-analytics";
import { zoneAbbreviation } from "@/lib/schedule/time-zones";
import { conferenceApiPath } from "@/lib/conference/conference-path";
import { getOrganizerContext } from "../../_lib/organizer-context";
import { StatGrid } from "../_components/stat-grid";
import { ViewersOverTime } from "../_components/viewers-over-time";
import { TimeChart } from "../_components/time-chart";
import { bucketLabel, formatBucket, formatCount, formatMinutes, plural } from "../_components/format";

export const metadata: Metadata = { title: "Talk analytics" };

export default async function TalkAnalyticsPage({ params }: { params: Promise<{ talkId: string }> }) {
  const { conference, href } = await getOrganizerContext();
  const { talkId } = await params;
  const zone = conference.timeZone;
  const { audience: a, live, replay, activity } = await orNotFound(getTalkAnalytics({ conferenceId: conference.id, talkId }));
  const starts = new Date(a.startsAt);
  const busiest = activity.points.reduce<(typeof activity.points)[number] | null>(
    (best, p) => (!best || p.chat + p.questions > best.chat + best.questions ? p : best),
    null,
  );
  const activitySummary = busiest
    ? `${plural(a.chatMessages, "chat message")} and ${plural(a.questions, "question")}; the busiest ${bucketLabel(activity.bucketMinutes).replace("per ", "")} from ${formatBucket(busiest.at, zone, { withDate: true, withTime: true })} had ${plural(busiest.chat, "message")} and ${plural(busiest.questions, "question")}.`
    : "";

  return (
    <div className="space-y-10">
      <div>
        <Link href={href("/admin/analytics")} className="text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
          ← All talks
        </Link>
        <div className="mt-2">
          <PageHeader
            title={a.title}
            description={`${a.stage} · ${starts.toLocaleString("en-GB", { timeZone: zone, dateStyle: "medium", timeStyle: "short" })} ${zoneAbbreviation(starts, zone)}`}
            actions={
              <>
                {a.status === "LIVE" ? <Badge tone="live">Live now</Badge> : null}
                <a
                  href={`${conferenceApiPath(conference.slug, "/admin/analytics/export")}?kind=talk&talkId=${encodeURIComponent(a.talkId)}`}
                  className={buttonClass("secondary", "sm")}
                  download
                >
                  Export minutes (CSV)
                </a>
              </>
            }
          />
        </div>
      </div>

      <StatGrid
        label="Talk totals"
        stats={[
          { label: "Watched live", value: formatCount(a.liveViewers), note: "incl. premiere" },
          { label: "Peak live", value: formatCount(a.peakLive), note: "busiest minute" },
          { label: "Replay viewers", value: formatCount(a.replayViewers) },
          { label: "Peak replay", value: formatCount(a.peakReplay) },
          { label: "Unique viewers", value: formatCount(a.uniqueViewers) },
          { label: "Watch time live", value: formatMinutes(a.liveMinutes) },
          { label: "Watch time replay", value: formatMinutes(a.replayMinutes) },
          { label: "Average watch time", value: formatMinutes(a.averageMinutes), note: "per viewer" },
          { label: "Chat messages", value: formatCount(a.chatMessages) },
          { label: "Questions", value: formatCount(a.questions) },
        ]}
      />

      <ViewersOverTime
        live={live}
        replay={replay}
        zone={zone}
        livePanel={{ title: "Watching live", empty: "Nobody watched live", what: "Live and premiere" }}
        replayPanel={{ title: "Watching the replay", empty: "No replay views yet", what: "Replay" }}
        valueNote="viewers at once, busiest minute"
      />

      <section aria-labelledby="activity-heading" className="space-y-4">
        <h2 id="activity-heading" className="text-xl font-semibold">
          Chat and Q&amp;A
        </h2>
        {activity.points.length === 0 ? (
          <EmptyState title="No messages or questions" />
        ) : (
          <TimeChart
            title="Chat messages and questions"
            summary={activitySummary}
            series={[
              { key: "chat", label: "Chat messages", color: "#4f46e5" },
              { key: "questions", label: "Questions", color: "#d97706" },
            ]}
            points={activity.points}
            bucketMinutes={activity.bucketMinutes}
            timeZone={zone}
            valueNote="sent"
          />
        )}
      </section>
    </div>
  );
}
