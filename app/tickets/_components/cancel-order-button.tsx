"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/app/_components/ui/button";
import { callApi } from "@/app/admin/_components/api";

/** Withdraws the attendee's own unpaid order; its seats go back on sale. */
export function CancelOrderButton({ orderId, label = "Cancel order" }: { orderId: string; label?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const result = await callApi("POST", `/api/tickets/orders/${orderId}/cancel`, {});
          setPending(false);
          if (!result.ok) setError(result.error.message);
          else router.refresh();
        }}
      >
        {pending ? "Cancelling…" : label}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </span>
  );
}
