import { auth } from "@/lib/auth/auth";
import { env } from "@/lib/config/env";
import { SignInInput, SignUpInput, type AuthFormError } from "@/lib/auth/schemas";
import { readBodyText } from "@/lib/security/read-body";
import { safeNextPath } from "@/lib/security/safe-next-path";
import { AppError } from "@/lib/errors/app-error";
import { accountPageReturningTo } from "@/lib/auth/return-path";

// The sign-in and sign-up forms post here when the page's JavaScript has not run yet (slow device,
// JavaScript off): as a POST, so the password never lands in the address bar, history or logs.
// The credentials go through better-auth's own handler, as the JavaScript path does (same rate
// limit, same checks); its cookie comes back with a 303 to where the person was going.

const MAX_FORM_BYTES = 16 * 1024;
// Headers better-auth looks at: the session cookie, where the request comes from, who sends it.
const FORWARDED = ["cookie", "origin", "referer", "user-agent", "x-forwarded-for", "x-real-ip"];

function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}

function backToForm(mode: "sign-in" | "sign-up", error: AuthFormError, next: string): Response {
  const query = new URLSearchParams({ error });
  if (next !== "/") query.set("next", next);
  return seeOther(`/${mode}?${query}`);
}

function errorOf(mode: "sign-in" | "sign-up", status: number, code: string | undefined): AuthFormError {
  if (status === 429) return "rate-limited";
  if (mode === "sign-in" && status === 401) return "credentials";
  if (mode === "sign-up" && code?.startsWith("USER_ALREADY_EXISTS")) return "exists";
  if (status === 400 || status === 422) return "invalid";
  return "failed";
}

export async function submitAuthForm(request: Request, mode: "sign-in" | "sign-up"): Promise<Response> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") {
    throw new AppError("UNSUPPORTED_MEDIA", "Send the form as application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(await readBodyText(request, MAX_FORM_BYTES));
  const next = safeNextPath(form.get("next"));
  const fields = Object.fromEntries(form);
  const parsed = mode === "sign-in" ? SignInInput.safeParse(fields) : SignUpInput.safeParse(fields);
  if (!parsed.success) return backToForm(mode, "invalid", next);

  const headers = new Headers({ "content-type": "application/json" });
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const endpoint = mode === "sign-in" ? "sign-in/email" : "sign-up/email";
  // As the JavaScript form does: the confirmation mail names the conference `next` is on.
  const body = mode === "sign-up" ? { ...parsed.data, callbackURL: accountPageReturningTo("/verify-email", next) } : parsed.data;
  const answer = await auth.handler(new Request(`${env.PUBLIC_URL}/api/auth/${endpoint}`, { method: "POST", headers, body: JSON.stringify(body) }));
  if (!answer.ok) {
    const body = (await answer.json().catch(() => null)) as { code?: string } | null;
    return backToForm(mode, errorOf(mode, answer.status, body?.code), next);
  }
  return seeOther(next, answer.headers.getSetCookie());
}
