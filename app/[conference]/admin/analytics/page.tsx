import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/app/_components/ui/table";
import { EmptyState, PageHeader } from "@/app/_components/ui/card";
import { Badge } from "@/app/_components/ui/badge";
import { buttonClass } from "@/app/_components/ui/button";
import { getConferenceAnalytics } from "@/lib/analytics/get-conference-analytics";
import { zoneAbbreviation } from "@/lib/schedule/time-zones";
import { conferenceApiPath } from "@/lib/conference/conference-path";
import { getOrganizerContext } from "../_lib/organizer-context";
import { SalesChart } from "./_components/sales-chart";
import { StatGrid } from "./_components/stat-grid";
import { ViewersOverTime } from "./_components/viewers-over-time";
import { formatCount, formatDay, formatMinutes, formatRevenue, plural } from "./_components/format";

export const metadata: Metadata = { title: "Analytics" };

const columns = [
  { label: "Talk" },
  { label: "Watched live", align: "right" as const },
  { label: "Peak live", align: "right" as const },
  { label: "Replay viewers", align: "right" as const },
  { label: "Watch time", align: "right" as const },
  { label: "Average", align: "right" as const },
  { label: "Chat", align: "right" as const },
  { label: "Questions", align: "right" as const },
];

export default async function AnalyticsPage() {
  const { conference, href } = await getOrganizerContext();
  const zone = conference.timeZone;
  const { totals, talks, live, replay, sales } = await getConferenceAnalytics({ conferenceId: conference.id, timeZone: zone });
  const money = (cents: number) => formatRevenue(cents, conference.currency);
  const busiestDay = sales.reduce<(typeof sales)[number] | null>((best, d) => (!best || d.tickets > best.tickets ? d : best), null);
  const salesSummary = sales.length
    ? `${plural(totals.ticketsSold, "ticket")} sold and ${plural(totals.redemptions, "discount code")} redeemed over ${plural(sales.length, "day")}, from ${formatDay(sales[0].day)} to ${formatDay(sales.at(-1)!.day)}; the busiest day was ${formatDay(busiestDay!.day)} with ${plural(busiestDay!.tickets, "ticket")}.`
    : "";

  return (
    <div className="space-y-10">
      <PageHeader
        title="Analytics"
        description="Who watched which talk, live and in replay, how the chat and Q&A went, and how tickets sold. Counted from the players of everyone watching."
        actions={
          <>
            <a
              href={`${conferenceApiPath(conference.slug, "/admin/analytics/export")}?kind=talks`}
              className={buttonClass("secondary", "sm")}
              download
            >
              Export talks (CSV)
            </a>
            <a
              href={`${conferenceApiPath(conference.slug, "/admin/analytics/export")}?kind=sales`}
              className={buttonClass("secondary", "sm")}
              download
            >
              Export sales (CSV)
            </a>
          </>
        }
      />

      <StatGrid
        label="Conference totals"
        stats={[
          { label: "Unique viewers", value: formatCount(totals.uniqueViewers) },
          { label: "Peak concurrent", value: formatCount(totals.peakConcurrent), note: "busiest minute, all talks" },
          { label: "Watch time", value: formatMinutes(totals.watchMinutes) },
          { label: "Average watch time", value: formatMinutes(totals.averageMinutes), note: "per viewer" },
          { label: "Chat messages", value: formatCount(totals.chatMessages) },
          { label: "Questions", value: formatCount(totals.questions) },
          { label: "Tickets sold", value: formatCount(totals.ticketsSold) },
          { label: "Revenue", value: money(totals.revenueCents) },
          { label: "Codes redeemed", value: formatCount(totals.redemptions) },
        ]}
      />

      <ViewersOverTime
        live={live}
        replay={replay}
        zone={zone}
        livePanel={{ title: "Watching live, all talks", empty: "Nobody watched live yet", what: "Live and premiere" }}
        replayPanel={{ title: "Watching replays, all talks", empty: "No replay views yet", what: "Replays" }}
        valueNote="people at once, busiest minute"
      />

      <section aria-labelledby="talks-heading" className="space-y-4">
        <h2 id="talks-heading" className="text-xl font-semibold">
          Talks
        </h2>
        {talks.length === 0 ? (
          <EmptyState title="No talks yet">Add talks to the schedule; their audience shows here once people watch.</EmptyState>
        ) : (
          <DataTable caption="Audience and activity per talk" columns={columns}>
            {talks.map((t) => {
              const starts = new Date(t.startsAt);
              return (
                <tr key={t.talkId}>
                  {/* Wide enough to read on a phone: the table scrolls sideways instead. */}
                  <td className="min-w-56 px-4 py-3">
                    <Link href={href(`/admin/analytics/${t.talkId}`)} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                      {t.title}
                    </Link>
                    <div className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-zinc-500">
                      <span>
                        {t.stage} ·{" "}
                        <time dateTime={t.startsAt}>
                          {starts.toLocaleString("en-GB", { timeZone: zone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" })}{" "}
                          {zoneAbbreviation(starts, zone)}
                        </time>
                      </span>
                      {t.status === "LIVE" ? <Badge tone="live">Live</Badge> : null}
                    </div>
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(t.liveViewers)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(t.peakLive)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(t.replayViewers)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMinutes(t.liveMinutes + t.replayMinutes)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatMinutes(t.averageMinutes)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(t.chatMessages)}</td>
                  <td className="px-4 py-3 text-right tabular-nums">{formatCount(t.questions)}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </section>

      <section aria-labelledby="sales-heading" className="space-y-4">
        <h2 id="sales-heading" className="text-xl font-semibold">
          Ticket sales
        </h2>
        {sales.length === 0 ? (
          <EmptyState title="No sales yet">Paid orders and discount-code use show here by day.</EmptyState>
        ) : (
          <SalesChart days={sales} summary={salesSummary} revenue={sales.map((d) => money(d.revenueCents))} />
        )}
      </section>
    </div>
  );
}
