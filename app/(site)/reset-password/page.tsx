import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/app/_components/auth/password-reset-forms";
import { buttonClass } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { FormAlert } from "@/app/_components/ui/form";
import { accountPageReturningTo } from "@/lib/auth/return-path";
import { safeNextPath } from "@/lib/security/safe-next-path";

export const metadata: Metadata = { title: "Choose a new password" };

// The mailed link goes through /api/auth/reset-password/<token>, which checks the token and comes
// here with ?token=… (or ?error=INVALID_TOKEN when it has expired or was used).
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : null;
  const usable = token && !params.error;
  const next = safeNextPath(params.next);
  return (
    <div className="mx-auto max-w-md py-8">
      <Card className="p-8">
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">Choose a new password</h1>
        {usable ? (
          <ResetPasswordForm token={token} next={next} />
        ) : (
          <div className="space-y-6">
            <FormAlert>This reset link has expired or was already used. Links work for one hour, once.</FormAlert>
            <Link href={accountPageReturningTo("/forgot-password", next)} className={buttonClass("primary", "md", "w-full")}>
              Ask for a new link
            </Link>
          </div>
        )}
      </Card>
    </div>
  );
}
