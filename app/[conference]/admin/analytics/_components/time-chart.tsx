"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/app/_components/ui/card";
import { bucketLabel, formatBucket, formatCount } from "./format";

export type ChartSeries = { key: string; label: string; color: string };

type Props = {
  title: string;
  /** One sentence a screen reader (and a hurried organizer) gets instead of the picture. */
  summary: string;
  series: ChartSeries[];
  points: ({ at: string } & Record<string, number | string>)[];
  bucketMinutes: number;
  timeZone: string;
  /** What a bucket's value is ("busiest minute", "sent"), for the table heading. */
  valueNote: string;
};

/**
 * A line chart over time (recharts, drawn as SVG in the page), with the same numbers as a table
 * behind a disclosure: the text equivalent for screen readers and for copying.
 */
export function TimeChart({ title, summary, series, points, bucketMinutes, timeZone, valueNote }: Props) {
  const spansDays = points.length > 1 && new Date(points.at(-1)!.at).getTime() - new Date(points[0].at).getTime() >= 86_400_000;
  const daily = bucketMinutes >= 1440;
  const label = (iso: string) => formatBucket(iso, timeZone, { withDate: spansDays || daily, withTime: !daily });
  const headingId = `chart-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <Card className="p-5">
      <figure aria-labelledby={headingId}>
        <h3 id={headingId} className="font-semibold">
          {title} <span className="text-sm font-normal text-zinc-500">({bucketLabel(bucketMinutes)})</span>
        </h3>
        <figcaption className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
        <div className="mt-4 h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" vertical={false} />
              <XAxis dataKey="at" tickFormatter={label} minTickGap={32} tick={{ fontSize: 12, fill: "#71717a" }} stroke="#d4d4d8" />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#71717a" }} stroke="#d4d4d8" />
              <Tooltip labelFormatter={(value) => label(String(value))} formatter={(value) => formatCount(Number(value))} />
              {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
              {series.map((s) => (
                <Line
                  key={s.key}
                  type="monotone"
                  dataKey={s.key}
                  name={s.label}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={points.length <= 60 ? { r: 2 } : false}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
        <DataDisclosure
          caption={`${title} ${bucketLabel(bucketMinutes)} (${valueNote}), times in ${timeZone}`}
          headers={["Time", ...series.map((s) => s.label)]}
          rows={points.map((p) => [label(p.at), ...series.map((s) => formatCount(Number(p[s.key])))])}
        />
      </figure>
    </Card>
  );
}

export function DataDisclosure({ caption, headers, rows }: { caption: string; headers: string[]; rows: string[][] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">Show the numbers</summary>
      <div className="mt-2 max-h-72 overflow-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-zinc-50 text-xs uppercase tracking-wide text-zinc-500 dark:bg-zinc-900">
            <tr>
              {headers.map((h, i) => (
                <th key={h} scope="col" className={`px-3 py-2${i > 0 ? " text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, i) =>
                  i === 0 ? (
                    <th key={i} scope="row" className="px-3 py-1.5 font-normal">
                      {cell}
                    </th>
                  ) : (
                    <td key={i} className="px-3 py-1.5 text-right">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
