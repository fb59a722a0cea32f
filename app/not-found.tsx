import Link from "next/link";
import { buttonClass } from "./_components/ui/button";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto flex max-w-lg flex-col items-center px-4 py-24 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-brand-600">404</p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">We could not find that page</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">
        The talk or speaker may have moved. Every conference and its schedule is listed on the home page.
      </p>
      <div className="mt-8 flex gap-3">
        <Link href="/" className={buttonClass("primary")}>
          All conferences
        </Link>
      </div>
    </main>
  );
}
