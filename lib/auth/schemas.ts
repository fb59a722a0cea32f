import { z } from "zod";

// The sign-in and sign-up forms, checked the same way in the browser (auth-form.tsx) and by the
// form-post routes that work before the page's JavaScript has loaded (app/api/account/*).
export const SignUpInput = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(80),
  email: z.string().trim().email("Enter a valid email address"),
  password: z.string().min(8, "Use at least 8 characters").max(128),
});
export type SignUpInput = z.infer<typeof SignUpInput>;

export const SignInInput = SignUpInput.pick({ email: true }).extend({ password: z.string().min(1, "Enter your password").max(128) });
export type SignInInput = z.infer<typeof SignInInput>;

/**
 * Why a form post did not sign someone in, as the `?error=` the form shows. A closed list: the page
 * never prints text taken from the address.
 */
export const AUTH_FORM_ERRORS = {
  credentials: "That email and password do not match an account.",
  exists: "An account with that email already exists. Sign in instead.",
  invalid: "Check the form: enter your email and a password of at least 8 characters.",
  "rate-limited": "Too many attempts. Wait a minute and try again.",
  failed: "Something went wrong. Try again.",
} as const;
export type AuthFormError = keyof typeof AUTH_FORM_ERRORS;

export function authFormErrorMessage(key: string | null): string | null {
  return key && Object.hasOwn(AUTH_FORM_ERRORS, key) ? AUTH_FORM_ERRORS[key as AuthFormError] : null;
}
