"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { accountPageReturningTo } from "@/lib/auth/return-path";
import { authClient } from "@/app/_lib/auth-client";
import { Button } from "../ui/button";
import { Field, FormAlert } from "../ui/form";

const RequestResetForm = z.object({ email: z.string().trim().email("Enter a valid email address") });
const NewPasswordForm = z
  .object({
    password: z.string().min(8, "Use at least 8 characters").max(128, "Use at most 128 characters"),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { path: ["confirm"], message: "The two passwords differ" });

const fieldErrors = (error: z.ZodError) => Object.fromEntries(error.issues.map((i) => [String(i.path[0]), i.message]));

/** "Forgot your password?": asks for the address and mails a reset link (the answer is the same whether it has an account or not). */
export function RequestPasswordResetForm({ next }: { next: string }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = RequestResetForm.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    setFormError(null);
    setBusy(true);
    const result = await authClient.requestPasswordReset({ email: parsed.data.email, redirectTo: accountPageReturningTo("/reset-password", next) });
    setBusy(false);
    if (result.error) {
      setFormError(
        result.error.status === 429
          ? "Too many requests: wait a minute and try again."
          : (result.error.message ?? "Something went wrong. Try again."),
      );
      return;
    }
    setSentTo(parsed.data.email);
  }

  if (sentTo) {
    return (
      <div className="space-y-4">
        <FormAlert tone="success">
          If an account uses <strong>{sentTo}</strong>, a link to choose a new password is on its way. It works for one hour.
        </FormAlert>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Nothing arrived? Check your spam folder, or{" "}
          <button type="button" className="font-medium text-brand-600 hover:underline" onClick={() => setSentTo(null)}>
            try another address
          </button>
          .
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Email" name="email" type="email" autoComplete="email" required error={errors.email} />
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Please wait…" : "Send me a reset link"}
      </Button>
      <p className="text-center text-sm text-zinc-600 dark:text-zinc-400">
        Remembered it?{" "}
        <Link href={accountPageReturningTo("/sign-in", next)} className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}

/** The page the mailed link opens: choose the new password (the token came in the link). */
export function ResetPasswordForm({ token, next }: { token: string; next: string }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = NewPasswordForm.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setErrors(fieldErrors(parsed.error));
    setErrors({});
    setFormError(null);
    setBusy(true);
    const result = await authClient.resetPassword({ newPassword: parsed.data.password, token });
    setBusy(false);
    if (result.error) {
      setFormError(
        result.error.code === "INVALID_TOKEN"
          ? "This link has expired or was already used."
          : (result.error.message ?? "Something went wrong. Try again."),
      );
      return;
    }
    setDone(true);
  }

  if (done) {
    return (
      <div className="space-y-4">
        <FormAlert tone="success">Your password is changed. Other devices were signed out.</FormAlert>
        <Link href={accountPageReturningTo("/sign-in", next)} className="block text-center font-medium text-brand-600 hover:underline">
          Sign in with the new password
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        error={errors.password}
        hint="At least 8 characters."
      />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      {formError ? (
        <FormAlert>
          {formError}{" "}
          <Link href={accountPageReturningTo("/forgot-password", next)} className="font-medium underline">
            Ask for a new link
          </Link>
        </FormAlert>
      ) : null}
      <Button type="submit" disabled={busy} className="w-full">
        {busy ? "Please wait…" : "Change password"}
      </Button>
    </form>
  );
}
