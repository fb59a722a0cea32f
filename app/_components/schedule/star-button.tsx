"use client";
import { useState } from "react";

/** Adds a talk to "my agenda" (optimistic; rolls back and says so if the server refuses). */
export function StarButton({ talkId, title, initiallyStarred }: { talkId: string; title: string; initiallyStarred: boolean }) {
  const [starred, setStarred] = useState(initiallyStarred);
  const [error, setError] = useState<string | null>(null);
  async function toggle() {
    const next = !starred;
    setStarred(next);
    setError(null);
    const res = await fetch("/api/agenda/favourites", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ talkId, starred: next }),
    }).catch(() => null);
    if (!res || !res.ok) {
      setStarred(!next);
      const body = await res?.json().catch(() => null);
      setError(body?.error?.message ?? "Could not update your agenda");
    }
  }
  return (
    <span className="relative z-10 flex items-center gap-1">
      <button
        type="button"
        onClick={toggle}
        aria-pressed={starred}
        aria-label={starred ? `Remove “${title}” from my agenda` : `Add “${title}” to my agenda`}
        className={`grid h-8 w-8 place-items-center rounded-lg transition hover:bg-zinc-100 dark:hover:bg-zinc-800 ${starred ? "text-amber-500" : "text-zinc-400"}`}
      >
        <svg
          viewBox="0 0 20 20"
          className="h-5 w-5"
          fill={starred ? "currentColor" : "none"}
          stroke="currentColor"
          strokeWidth="1.5"
          aria-hidden="true"
        >
          <path d="M10 2.5l2.3 4.7 5.2.8-3.8 3.6.9 5.1L10 14.3l-4.6 2.4.9-5.1L2.5 8l5.2-.8L10 2.5z" strokeLinejoin="round" />
        </svg>
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
