"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SalesDay } from "@/lib/analytics/schemas";
import { Card } from "@/app/_components/ui/card";
import { DataDisclosure } from "./time-chart";
import { formatCount, formatDay } from "./format";

/** Tickets sold and discount codes redeemed per day (bars), with revenue in the table beside. */
export function SalesChart({ days, summary, revenue }: { days: SalesDay[]; summary: string; revenue: string[] }) {
  const label = (day: string) => formatDay(day).replace(/ \d{4}$/, "");
  return (
    <Card className="p-5">
      <figure aria-labelledby="chart-sales">
        <h3 id="chart-sales" className="font-semibold">
          Tickets and discount codes <span className="text-sm font-normal text-zinc-500">(per day)</span>
        </h3>
        <figcaption className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{summary}</figcaption>
        <div className="mt-4 h-64 w-full">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e4e4e7" vertical={false} />
              <XAxis dataKey="day" tickFormatter={label} minTickGap={24} tick={{ fontSize: 12, fill: "#71717a" }} stroke="#d4d4d8" />
              <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "#71717a" }} stroke="#d4d4d8" />
              <Tooltip labelFormatter={(value) => formatDay(String(value))} formatter={(value) => formatCount(Number(value))} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="tickets" name="Tickets sold" fill="#4f46e5" radius={[4, 4, 0, 0]} isAnimationActive={false} />
              <Bar dataKey="redemptions" name="Codes redeemed" fill="#d97706" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
        <DataDisclosure
          caption="Ticket sales and discount-code redemptions per day, in the conference's time zone"
          headers={["Day", "Orders", "Tickets sold", "Revenue", "Codes redeemed"]}
          rows={days.map((d, i) => [formatDay(d.day), formatCount(d.orders), formatCount(d.tickets), revenue[i], formatCount(d.redemptions)])}
        />
      </figure>
    </Card>
  );
}
