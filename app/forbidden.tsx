import Link from "next/link";
import { buttonClass } from "./_components/ui/button";

export default function Forbidden() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">403</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">This area is for organizers only</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">Your account does not have the organizer role for this conference.</p>
      <Link href="/" className={`mt-8 ${buttonClass("primary")}`}>
        Back to the conference
      </Link>
    </div>
  );
}
