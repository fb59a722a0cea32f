"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/app/_lib/auth-client";
import { authFormErrorMessage, SignInInput, SignUpInput } from "@/lib/auth/schemas";
import { safeNextPath } from "@/lib/security/safe-next-path";
import { accountPageReturningTo } from "@/lib/auth/return-path";
import { Field } from "../ui/form";
import { Button } from "../ui/button";

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A form post that did not sign in (before hydration) comes back with ?error=.
  const [formError, setFormError] = useState<string | null>(() => authFormErrorMessage(params.get("error")));
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = (mode === "sign-up" ? SignUpInput : SignInInput).safeParse(data);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ ...(parsed.data as SignUpInput), callbackURL: accountPageReturningTo("/verify-email", next) })
        : await authClient.signIn.email(parsed.data);
    setBusy(false);
    if (result.error) {
      setFormError(
        result.error.status === 401
          ? "That email and password do not match an account."
          : (result.error.message ?? "Something went wrong. Try again."),
      );
      return;
    }
    router.push(next);
    router.refresh();
  }

  return (
    // Before hydration (slow device, no JavaScript) the browser posts the form itself: to a route
    // that signs in and redirects, never as a GET with the password in the address.
    <form
      method="post"
      action={`/api/account/${mode}`}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-describedby={formError ? "form-error" : undefined}
    >
      <input type="hidden" name="next" value={next} />
      {mode === "sign-up" ? <Field label="Name" name="name" autoComplete="name" required error={errors.name} /> : null}
      <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
        required
        error={errors.password}
        hint={mode === "sign-up" ? "At least 8 characters." : undefined}
      />
      {mode === "sign-in" ? (
        <p className="-mt-2 text-right text-sm">
          <Link href={accountPageReturningTo("/forgot-password", next)} className="font-medium text-brand-600 hover:underline">
            Forgot your password?
          </Link>
        </p>
      ) : (
        <p className="text-xs text-zinc-500">We mail you a link to confirm the address: speaker access and tickets need it.</p>
      )}
      {formError ? (
        <p id="form-error" role="alert" className="rounded-xl bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {formError}
        </p>
      ) : null}
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Please wait…" : mode === "sign-up" ? "Create account" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        {mode === "sign-up" ? (
          <>
            Already have an account?{" "}
            <Link href={`/sign-in?next=${encodeURIComponent(next)}`} className="font-medium text-brand-600 hover:underline">
              Sign in
            </Link>
          </>
        ) : (
          <>
            New here?{" "}
            <Link href={`/sign-up?next=${encodeURIComponent(next)}`} className="font-medium text-brand-600 hover:underline">
              Create an account
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
