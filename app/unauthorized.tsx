import Link from "next/link";
import { headers } from "next/headers";
import { buttonClass } from "./_components/ui/button";
import { CONFERENCE_SLUG_HEADER, conferencePath } from "@/lib/conference/conference-path";

export default async function Unauthorized() {
  // Back to the admin area of the conference that asked (proxy.ts names it) after signing in.
  const slug = (await headers()).get(CONFERENCE_SLUG_HEADER);
  const admin = slug ? conferencePath(slug, "/admin") : "/";
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col items-center px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">401</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">Sign in to continue</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">This page needs an account.</p>
      <Link href={`/sign-in?next=${admin}`} className={`mt-8 ${buttonClass("primary")}`}>
        Sign in
      </Link>
    </main>
  );
}
