import { Card } from "@/app/_components/ui/card";

/** The headline figures above the charts. */
export function StatGrid({ label, stats }: { label: string; stats: { label: string; value: string; note?: string }[] }) {
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
      {stats.map((s) => (
        <Card key={s.label} className="p-4">
          <dt className="text-sm text-zinc-500">{s.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums">{s.value}</dd>
          {s.note ? <dd className="mt-0.5 text-xs text-zinc-500">{s.note}</dd> : null}
        </Card>
      ))}
    </dl>
  );
}
