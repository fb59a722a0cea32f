import type { ReactNode } from "react";
import { Card } from "./card";

export type Column = { label: string; hidden?: boolean; align?: "right" };

/** The admin list table: a card that scrolls sideways on phones, a caption for screen readers. */
export function DataTable({ caption, columns, children }: { caption: string; columns: Column[]; children: ReactNode }) {
  return (
    <Card className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={`px-4 py-3${c.align === "right" ? " text-right" : ""}`}>
                {c.hidden ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">{children}</tbody>
      </table>
    </Card>
  );
}
