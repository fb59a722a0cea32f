import type { Metadata } from "next";
import { RequestPasswordResetForm } from "@/app/_components/auth/password-reset-forms";
import { Card } from "@/app/_components/ui/card";
import { safeNextPath } from "@/lib/security/safe-next-path";

export const metadata: Metadata = { title: "Reset your password" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  return (
    <div className="mx-auto max-w-md py-8">
      <Card className="p-8">
        <h1 className="mb-2 text-2xl font-semibold tracking-tight">Reset your password</h1>
        <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Enter the address you signed up with; we mail you a link to choose a new password.
        </p>
        <RequestPasswordResetForm next={safeNextPath(next)} />
      </Card>
    </div>
  );
}
