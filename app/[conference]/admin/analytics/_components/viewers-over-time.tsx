import { EmptyState } from "@/app/_components/ui/card";
import type { TimeSeries } from "@/lib/analytics/schemas";
import { TimeChart } from "./time-chart";
import { peakSentence } from "./format";

type Panel = { title: string; empty: string; what: string };

/** The "Viewers over time" section of both dashboards: live (premieres count as live) beside replay. */
export function ViewersOverTime(props: {
  live: TimeSeries<"viewers">;
  replay: TimeSeries<"viewers">;
  zone: string;
  livePanel: Panel;
  replayPanel: Panel;
  valueNote: string;
}) {
  const { live, replay, zone } = props;
  const panels = [
    { series: live, ...props.livePanel, label: "Live viewers", color: "#4f46e5" },
    { series: replay, ...props.replayPanel, label: "Replay viewers", color: "#059669" },
  ];
  return (
    <section aria-labelledby="viewers-heading" className="space-y-4">
      <h2 id="viewers-heading" className="text-xl font-semibold">
        Viewers over time
      </h2>
      {live.points.length === 0 && replay.points.length === 0 ? (
        <EmptyState title="Nobody has watched yet">Viewers show here a minute or so after their players start.</EmptyState>
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          {panels.map(({ series, title, empty, what, label, color }) =>
            series.points.length ? (
              <TimeChart
                key={title}
                title={title}
                summary={peakSentence(series, zone, what)}
                series={[{ key: "viewers", label, color }]}
                points={series.points}
                bucketMinutes={series.bucketMinutes}
                timeZone={zone}
                valueNote={props.valueNote}
              />
            ) : (
              <EmptyState key={title} title={empty} />
            ),
          )}
        </div>
      )}
    </section>
  );
}
