"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { conferenceSlugOfPath } from "@/lib/conference/conference-path";

/** Sign in / Sign up from a conference's page come back to that page (the site header outlives navigation, so it asks the router). */
export function AccountLinks() {
  const pathname = usePathname();
  const next = conferenceSlugOfPath(pathname) ? `?next=${encodeURIComponent(pathname)}` : "";
  return (
    <>
      <Link href={`/sign-in${next}`} className="rounded-xl px-3 py-2 font-medium hover:bg-zinc-100 dark:hover:bg-zinc-800">
        Sign in
      </Link>
      <Link href={`/sign-up${next}`} className="rounded-xl bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700">
        Sign up
      </Link>
    </>
  );
}
