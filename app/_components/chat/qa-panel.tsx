"use client";
import { useEffect, useState, type FormEvent } from "react";
import { compareQuestions, type QuestionView } from "@/lib/qa/schemas";
import { Button } from "../ui/button";
import type { RealtimeSocket } from "../realtime/use-realtime";
import { request } from "./use-chat-room";

/** Q&A for a talk: ask, upvote once, sorted by votes; moderators approve, answer and pin. */
export function QaPanel({
  socket,
  talkId,
  canAsk,
  canModerate,
  myId,
}: {
  socket: RealtimeSocket | null;
  talkId: string;
  canAsk: boolean;
  canModerate: boolean;
  myId: string | null;
}) {
  const [questions, setQuestions] = useState<QuestionView[]>([]);
  const [myVotes, setMyVotes] = useState<Set<string>>(new Set());
  const [moderated, setModerated] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    const load = async () => {
      const ack = await request<{ questions: QuestionView[]; myVotes: string[]; moderated: boolean }>(socket, "qa:list", { talkId });
      if (!ack.ok) return setError(ack.error.message);
      setQuestions(ack.questions);
      setMyVotes(new Set(ack.myVotes));
      setModerated(ack.moderated);
    };
    const onQuestion = (q: QuestionView) => {
      if (q.talkId !== talkId) return;
      setQuestions((cur) =>
        [...cur.filter((x) => x.id !== q.id), ...(q.status === "REJECTED" && !canModerate ? [] : [q])].filter((x) => x.status !== "REJECTED"),
      );
    };
    const onRemoved = (e: { talkId: string; questionId: string }) => setQuestions((cur) => cur.filter((q) => q.id !== e.questionId));
    const onSettings = (s: { talkId: string; moderated: boolean }) => s.talkId === talkId && setModerated(s.moderated);
    void load();
    socket.on("connect", load);
    socket.on("qa:question", onQuestion);
    socket.on("qa:removed", onRemoved);
    socket.on("qa:settings", onSettings);
    return () => {
      socket.off("connect", load);
      socket.off("qa:question", onQuestion);
      socket.off("qa:removed", onRemoved);
      socket.off("qa:settings", onSettings);
    };
  }, [socket, talkId, canModerate]);

  if (!socket) return null;
  const sorted = [...questions].sort(compareQuestions);
  const pending = sorted.filter((q) => q.status === "PENDING");
  const open = sorted.filter((q) => q.status === "APPROVED");

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    const ack = await request<{ question: QuestionView }>(socket, "qa:ask", { talkId, body: draft });
    if (!ack.ok) return setError(ack.error.message);
    setDraft("");
    setError(ack.question.status === "PENDING" ? "Your question is waiting for approval." : null);
    setQuestions((cur) => [...cur.filter((q) => q.id !== ack.question.id), ack.question]);
  };
  const vote = async (q: QuestionView) => {
    const on = !myVotes.has(q.id);
    const ack = await request<{ question: QuestionView }>(socket, "qa:vote", { questionId: q.id, on });
    if (!ack.ok) return setError(ack.error.message);
    setMyVotes((cur) => {
      const next = new Set(cur);
      if (on) next.add(q.id);
      else next.delete(q.id);
      return next;
    });
    setQuestions((cur) => cur.map((x) => (x.id === q.id ? ack.question : x)));
  };
  const moderate = async (q: QuestionView, action: string) => {
    const ack = await request(socket, "qa:moderate", { questionId: q.id, action });
    if (!ack.ok) setError(ack.error.message);
  };

  const item = (q: QuestionView) => (
    <li key={q.id} aria-label={q.body} className="rounded-xl border border-zinc-200 p-2 dark:border-zinc-800">
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => void vote(q)}
          disabled={!canAsk || q.status !== "APPROVED"}
          aria-pressed={myVotes.has(q.id)}
          aria-label={`Upvote (${q.upvotes})`}
          className="flex h-12 w-10 shrink-0 flex-col items-center justify-center rounded-lg border border-zinc-200 text-xs aria-pressed:border-brand-500 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 dark:border-zinc-700 dark:aria-pressed:bg-brand-500/15"
        >
          <span aria-hidden="true">▲</span>
          {q.upvotes}
        </button>
        <div className="min-w-0 flex-1">
          <p className="whitespace-pre-wrap break-words text-sm">{q.body}</p>
          <p className="mt-1 flex flex-wrap items-center gap-1 text-xs text-zinc-500">
            {q.author.name}
            {q.pinned ? (
              <span className="rounded-full bg-brand-50 px-1.5 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100">Pinned</span>
            ) : null}
            {q.answered ? (
              <span className="rounded-full bg-emerald-50 px-1.5 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">Answered</span>
            ) : null}
            {q.status === "PENDING" ? (
              <span className="rounded-full bg-amber-50 px-1.5 text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">Awaiting approval</span>
            ) : null}
          </p>
          {canModerate ? (
            <div className="mt-1 flex flex-wrap gap-1">
              {q.status === "PENDING" ? (
                <>
                  <Button size="sm" variant="secondary" onClick={() => void moderate(q, "approve")}>
                    Approve
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => void moderate(q, "reject")}>
                    Reject
                  </Button>
                </>
              ) : (
                <>
                  <Button size="sm" variant="ghost" onClick={() => void moderate(q, q.answered ? "unanswer" : "answer")}>
                    {q.answered ? "Mark unanswered" : "Mark answered"}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => void moderate(q, q.pinned ? "unpin" : "pin")}>
                    {q.pinned ? "Unpin" : "Pin"}
                  </Button>
                </>
              )}
            </div>
          ) : null}
        </div>
      </div>
    </li>
  );

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      {canModerate ? (
        <label className="flex items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
          <input
            type="checkbox"
            checked={moderated}
            onChange={async (e) => {
              const ack = await request(socket, "qa:set-moderation", { talkId, enabled: e.target.checked });
              if (!ack.ok) setError(ack.error.message);
            }}
          />
          Hold new questions for approval
        </label>
      ) : null}
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto">
        {canModerate && pending.length ? (
          <section aria-label="Questions awaiting approval" className="space-y-1">
            <h3 className="text-xs font-semibold uppercase text-zinc-500">Awaiting approval ({pending.length})</h3>
            <ul className="space-y-1">{pending.map(item)}</ul>
          </section>
        ) : null}
        <ul aria-label="Questions" className="space-y-1">
          {open.length ? open.map(item) : <li className="py-6 text-center text-sm text-zinc-500">No questions yet.</li>}
          {!canModerate ? sorted.filter((q) => q.status === "PENDING").map(item) : null}
        </ul>
      </div>
      <p role="alert" className="text-xs text-red-600">
        {error}
      </p>
      {canAsk ? (
        <form onSubmit={ask} className="flex items-end gap-2">
          <label className="sr-only" htmlFor={`qa-${talkId}`}>
            Your question
          </label>
          <input
            id={`qa-${talkId}`}
            value={draft}
            maxLength={300}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Ask the speaker…"
            className="h-10 min-w-0 flex-1 rounded-xl border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <Button type="submit" disabled={draft.trim().length < 3}>
            Ask
          </Button>
        </form>
      ) : null}
    </div>
  );
}
