"use client";

export type ApiError = { code: string; message: string; fields?: Record<string, string[]> };
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** JSON in, JSON out, and every failure (network, 4xx/5xx) as the API's `{ error }` shape. */
export async function callApi<T>(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    const payload = (await response.json().catch(() => null)) as { error?: ApiError } | null;
    if (!response.ok) {
      return { ok: false, error: payload?.error ?? { code: "INTERNAL", message: `The server answered ${response.status}` } };
    }
    return { ok: true, data: payload as T };
  } catch {
    return { ok: false, error: { code: "UNAVAILABLE", message: "Could not reach the server. Check your connection and try again." } };
  }
}

/** zod issues or an API error's `fields` -> the first message per form field. */
export function firstErrors(fields: Record<string, string[]> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, messages] of Object.entries(fields ?? {})) {
    // "speakerIds.0" belongs to the speakerIds control; "links.1.url" stays as it is.
    const field = /^speakerIds\./.test(key) ? "speakerIds" : key;
    if (messages[0] && !out[field]) out[field] = messages[0];
  }
  return out;
}

export function zodFieldErrors(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string[]> = {};
  for (const issue of issues) (fields[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  return firstErrors(fields);
}
