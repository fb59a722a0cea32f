"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { authClient } from "@/app/_lib/auth-client";
import { Field } from "../ui/form";
import { Button } from "../ui/button";

const SignUpForm = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(80),
  email: z.string().trim().email("Enter a valid email address"),
  password: z.string().min(8, "Use at least 8 characters").max(128),
});
const SignInForm = SignUpForm.pick({ email: true }).extend({ password: z.string().min(1, "Enter your password") });

/** Only same-site paths may be a post-login destination (no open redirects). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const router = useRouter();
  const params = useSearchParams();
  const next = safeNext(params.get("next"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = (mode === "sign-up" ? SignUpForm : SignInForm).safeParse(data);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    setFormError(null);
    setBusy(true);
    const result =
      mode === "sign-up"
        ? await authClient.signUp.email({ ...(parsed.data as z.infer<typeof SignUpForm>), callbackURL: "/verify-email" })
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
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={formError ? "form-error" : undefined}>
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
          <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
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
