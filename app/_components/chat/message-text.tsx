import type { ReactNode } from "react";

// Links and @mentions are found in the plain text and rendered as React elements; the body is
// never parsed as HTML, so "<script>" shows as those characters.
const TOKEN = /(https?:\/\/[^\s<>"']+)|(@[\p{L}\p{N}_.-]{2,40})/gu;

function safeHref(raw: string): { href: string; trailing: string } | null {
  // Trailing punctuation usually ends the sentence, not the URL.
  const match = raw.match(/^(.*?)([.,;:!?)\]]*)$/s);
  const candidate = match?.[1] ?? raw;
  try {
    const url = new URL(candidate);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return { href: url.toString(), trailing: raw.slice(candidate.length) };
  } catch {
    return null;
  }
}

export function mentionsName(body: string, name: string | null | undefined): boolean {
  if (!name) return false;
  const handles = [name, name.split(/\s+/)[0], name.replace(/\s+/g, "")].map((h) => `@${h.toLowerCase()}`);
  const lower = body.toLowerCase();
  return handles.some((h) => h.length > 2 && new RegExp(`${h.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}_])`, "u").test(lower));
}

export function MessageText({ body, myName }: { body: string; myName?: string | null }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(body.slice(last, index));
    if (match[1]) {
      const link = safeHref(match[1]);
      if (link) {
        parts.push(
          <a
            key={index}
            href={link.href}
            target="_blank"
            rel="noopener noreferrer nofollow ugc"
            className="break-all text-brand-600 underline hover:text-brand-700 dark:text-brand-100"
          >
            {match[1].slice(0, match[1].length - link.trailing.length)}
          </a>,
        );
        if (link.trailing) parts.push(link.trailing);
      } else parts.push(match[1]);
    } else if (match[2]) {
      const me = mentionsName(match[2], myName);
      parts.push(
        <span
          key={index}
          className={
            me
              ? "rounded bg-amber-100 px-0.5 font-semibold text-amber-900 dark:bg-amber-500/20 dark:text-amber-200"
              : "font-semibold text-brand-600 dark:text-brand-100"
          }
        >
          {match[2]}
        </span>,
      );
    }
    last = index + match[0].length;
  }
  if (last < body.length) parts.push(body.slice(last));
  return <span className="whitespace-pre-wrap break-words">{parts}</span>;
}
