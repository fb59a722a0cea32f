import type { Metadata } from "next";
import Link from "next/link";
import { ResendConfirmation } from "@/app/_components/auth/resend-confirmation";
import { buttonClass } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { FormAlert } from "@/app/_components/ui/form";
import { getSessionContext } from "@/app/_lib/page-context";
import { safeNextPath } from "@/lib/security/safe-next-path";

export const metadata: Metadata = { title: "Confirm your email address" };

const problems: Record<string, string> = {
  TOKEN_EXPIRED: "This confirmation link has expired (links work for 24 hours).",
  INVALID_TOKEN: "This confirmation link is not valid: it may be incomplete or altered.",
  USER_NOT_FOUND: "The account this link was for no longer exists.",
};

// Where the mailed confirmation link lands (through /api/auth/verify-email, which confirms the
// address and signs the account in, or comes back with ?error=…).
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const error = typeof params.error === "string" ? params.error : null;
  const { user } = await getSessionContext();
  // The page the person signed up from (carried through the mailed link): the conference they came for.
  const next = safeNextPath(params.next);
  return (
    <div className="mx-auto max-w-md py-8">
      <Card className="space-y-6 p-8">
        {error ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">We could not confirm your address</h1>
            <FormAlert>{problems[error] ?? "This confirmation link did not work."}</FormAlert>
            {user && !user.emailVerified ? (
              <p className="text-sm">
                <ResendConfirmation email={user.email} variant="primary" />
              </p>
            ) : !user ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                <Link href="/sign-in?next=/verify-email" className="font-medium text-brand-600 hover:underline">
                  Sign in
                </Link>{" "}
                to get a new link.
              </p>
            ) : null}
          </>
        ) : user?.emailVerified ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Your address is confirmed</h1>
            <FormAlert tone="success">
              Thanks, {user.name}: <strong>{user.email}</strong> is confirmed. Speaker profiles invited at this address and tickets are yours now.
            </FormAlert>
            <Link href={next} className={buttonClass("primary", "md", "w-full")}>
              Continue to the conference
            </Link>
          </>
        ) : user ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Check your inbox</h1>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              We sent a link to <strong>{user.email}</strong>. Open it to confirm your address.
            </p>
            <p className="text-sm">
              <ResendConfirmation email={user.email} variant="primary" />
            </p>
          </>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight">Confirm your email address</h1>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Open the link we mailed you, or sign in to get a new one.</p>
            <Link href="/sign-in?next=/verify-email" className={buttonClass("primary", "md", "w-full")}>
              Sign in
            </Link>
          </>
        )}
      </Card>
    </div>
  );
}
