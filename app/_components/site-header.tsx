import Link from "next/link";
import { SignOutButton } from "./sign-out-button";
import { AccountLinks } from "./account-links";

/** The instance's own bar, on every page: the way home to every conference, and the account. */
export function SiteHeader({ user }: { user: { name: string; email: string } | null }) {
  return (
    <header className="sticky top-0 z-40 border-b border-zinc-200 bg-white/80 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/80">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-6 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight">
          <span aria-hidden="true" className="grid h-8 w-8 place-items-center rounded-xl bg-brand-600 text-white">
            P
          </span>
          <span>Conferences</span>
        </Link>
        <div className="ml-auto flex items-center gap-2 text-sm">
          {user ? (
            <>
              <span className="hidden text-zinc-600 md:inline dark:text-zinc-400" title={user.email}>
                {user.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <AccountLinks />
          )}
        </div>
      </div>
    </header>
  );
}
