"use client";
import { useState } from "react";
import { authClient } from "@/app/_lib/auth-client";
import { accountPageReturningTo, returnPathOf } from "@/lib/auth/return-path";
import { Button } from "../ui/button";

/** "Send the link again": mails a fresh address-confirmation link to the signed-in account. */
export function ResendConfirmation({ email, variant = "secondary" }: { email: string; variant?: "primary" | "secondary" }) {
  const [state, setState] = useState<{ busy: boolean; message: string | null; failed: boolean }>({ busy: false, message: null, failed: false });

  async function resend() {
    setState({ busy: true, message: null, failed: false });
    // The page this is on (or the one it leads back to) names the conference the mail speaks for.
    const here = returnPathOf(`${window.location.pathname}${window.location.search}`);
    const result = await authClient.sendVerificationEmail({ email, callbackURL: accountPageReturningTo("/verify-email", here) });
    setState(
      result.error
        ? {
            busy: false,
            failed: true,
            message:
              result.error.status === 429 ? "Too many requests: wait a minute and try again." : (result.error.message ?? "Could not send the link."),
          }
        : { busy: false, failed: false, message: `Sent. Check the inbox of ${email}.` },
    );
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-3">
      <Button type="button" variant={variant} size="sm" onClick={resend} disabled={state.busy}>
        {state.busy ? "Sending…" : "Send the link again"}
      </Button>
      <span role={state.failed ? "alert" : "status"} className={state.failed ? "text-red-700 dark:text-red-300" : ""}>
        {state.message}
      </span>
    </span>
  );
}
