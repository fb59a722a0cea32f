"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useConferenceLinks } from "@/app/_components/use-conference-links";

const items: { href: `/${string}`; label: string }[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/schedule", label: "Schedule" },
  { href: "/admin/speakers", label: "Speakers" },
  { href: "/admin/stages", label: "Stages & tracks" },
  { href: "/admin/import", label: "Import" },
  { href: "/admin/tickets", label: "Tickets" },
  { href: "/admin/registrations", label: "Registrations" },
  { href: "/admin/analytics", label: "Analytics" },
];

export function AdminNav() {
  const pathname = usePathname();
  const links = useConferenceLinks();
  return (
    <nav aria-label="Organizer" className="mb-8 flex gap-1 overflow-x-auto border-b border-zinc-200 pb-px text-sm dark:border-zinc-800">
      {items.map((item) => {
        const href = links.path(item.href);
        const active = item.href === "/admin" ? pathname === href : pathname.startsWith(href);
        return (
          <Link
            key={item.href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`-mb-px whitespace-nowrap border-b-2 px-3 py-2 font-medium ${active ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
