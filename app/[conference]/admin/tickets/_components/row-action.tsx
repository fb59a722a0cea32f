"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { callApi } from "@/app/[conference]/admin/_components/api";

/** A one-click action on a row (revoke, mark paid, cancel), confirmed first when it is destructive. */
export function RowAction({
  url,
  label,
  pendingLabel = "…",
  accessibleLabel,
  confirm,
  variant = "secondary",
}: {
  url: string;
  label: string;
  pendingLabel?: string;
  // For a row's button whose label alone is ambiguous ("Revoke" whose ticket?).
  accessibleLabel?: string;
  confirm?: string;
  variant?: "secondary" | "danger" | "primary";
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant={variant}
        disabled={pending}
        aria-label={accessibleLabel}
        onClick={async () => {
          if (confirm && !window.confirm(confirm)) return;
          setPending(true);
          const result = await callApi("POST", url, {});
          setPending(false);
          if (!result.ok) setError(result.error.message);
          else {
            setError(null);
            router.refresh();
          }
        }}
      >
        {pending ? pendingLabel : label}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </span>
  );
}
