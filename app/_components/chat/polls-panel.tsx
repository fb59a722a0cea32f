"use client";
import { useEffect, useState, type FormEvent } from "react";
import type { PollView } from "@/lib/polls/schemas";
import { Button } from "../ui/button";
import type { RealtimeSocket } from "../realtime/use-realtime";
import { request } from "./use-chat-room";

function Results({ poll, mine }: { poll: PollView; mine: string[] }) {
  const total = poll.options.reduce((n, o) => n + (o.votes ?? 0), 0);
  return (
    <ul className="space-y-1" aria-label={`Results: ${poll.question}`}>
      {poll.options.map((o) => {
        const pct = total ? Math.round(((o.votes ?? 0) / total) * 100) : 0;
        return (
          <li key={o.id} className="relative overflow-hidden rounded-lg border border-zinc-200 px-2 py-1 text-sm dark:border-zinc-800">
            <div className="absolute inset-y-0 left-0 bg-brand-100 dark:bg-brand-500/20" style={{ width: `${pct}%` }} aria-hidden="true" />
            <div className="relative flex justify-between gap-2">
              <span>
                {o.label}
                {mine.includes(o.id) ? <span className="ml-1 text-xs text-brand-700 dark:text-brand-100">(your vote)</span> : null}
              </span>
              <span className="tabular-nums">
                {pct}% · {o.votes ?? 0}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

function Ballot({ poll, onVote }: { poll: PollView; onVote: (ids: string[]) => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length) onVote(chosen);
      }}
      className="space-y-1"
    >
      <fieldset className="space-y-1">
        <legend className="sr-only">{poll.question}</legend>
        {poll.options.map((o) => (
          <label key={o.id} className="flex items-center gap-2 rounded-lg border border-zinc-200 px-2 py-1 text-sm dark:border-zinc-800">
            <input
              type={poll.multiple ? "checkbox" : "radio"}
              name={`poll-${poll.id}`}
              checked={chosen.includes(o.id)}
              onChange={(e) => setChosen(poll.multiple ? (e.target.checked ? [...chosen, o.id] : chosen.filter((x) => x !== o.id)) : [o.id])}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      <Button size="sm" type="submit" disabled={!chosen.length}>
        Vote
      </Button>
    </form>
  );
}

/** Live polls of a talk: vote once; results after voting or when the poll closes. */
export function PollsPanel({
  socket,
  talkId,
  canVote,
  canModerate,
}: {
  socket: RealtimeSocket | null;
  talkId: string;
  canVote: boolean;
  canModerate: boolean;
}) {
  const [polls, setPolls] = useState<PollView[]>([]);
  const [choices, setChoices] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState("");
  const [options, setOptions] = useState(["", ""]);
  const [multiple, setMultiple] = useState(false);

  useEffect(() => {
    if (!socket) return;
    const load = async () => {
      const ack = await request<{ polls: PollView[]; myChoices: Record<string, string[]> }>(socket, "poll:list", { talkId });
      if (!ack.ok) return setError(ack.error.message);
      setPolls(ack.polls);
      setChoices(ack.myChoices);
    };
    const upsert = (p: PollView) => {
      if (p.talkId !== talkId) return;
      // Keep results we already have when an update arrives without them.
      setPolls((cur) => {
        const old = cur.find((x) => x.id === p.id);
        const merged =
          p.options[0]?.votes === undefined && old?.options[0]?.votes !== undefined
            ? { ...p, options: old.options, totalBallots: old.totalBallots }
            : p;
        return old ? cur.map((x) => (x.id === p.id ? merged : x)) : [merged, ...cur];
      });
    };
    const onVoted = (v: { pollId: string; optionIds: string[] }) => setChoices((c) => ({ ...c, [v.pollId]: v.optionIds }));
    void load();
    socket.on("connect", load);
    socket.on("poll:update", upsert);
    socket.on("poll:results", upsert);
    socket.on("poll:voted", onVoted);
    return () => {
      socket.off("connect", load);
      socket.off("poll:update", upsert);
      socket.off("poll:results", upsert);
      socket.off("poll:voted", onVoted);
    };
  }, [socket, talkId]);

  if (!socket) return null;

  const vote = async (poll: PollView, optionIds: string[]) => {
    const ack = await request<{ poll: PollView; myChoice: string[] }>(socket, "poll:vote", { pollId: poll.id, optionIds });
    if (!ack.ok) return setError(ack.error.message);
    setChoices((c) => ({ ...c, [poll.id]: ack.myChoice }));
    setPolls((cur) => cur.map((p) => (p.id === poll.id ? ack.poll : p)));
  };
  const create = async (e: FormEvent) => {
    e.preventDefault();
    const ack = await request(socket, "poll:create", { talkId, question, options: options.map((o) => o.trim()).filter(Boolean), multiple });
    if (!ack.ok) return setError(ack.error.message);
    setQuestion("");
    setOptions(["", ""]);
    setError(null);
  };
  const close = async (poll: PollView) => {
    const ack = await request(socket, "poll:close", { pollId: poll.id });
    if (!ack.ok) setError(ack.error.message);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto">
        {polls.length === 0 ? <p className="py-6 text-center text-sm text-zinc-500">No polls yet.</p> : null}
        {polls.map((poll) => {
          const mine = choices[poll.id] ?? [];
          const showResults = poll.options[0]?.votes !== undefined && (mine.length > 0 || poll.status === "CLOSED" || canModerate);
          return (
            <article key={poll.id} aria-label={poll.question} className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
              <header className="flex items-start justify-between gap-2">
                <h3 className="text-sm font-semibold">{poll.question}</h3>
                <span className="shrink-0 text-xs text-zinc-500">
                  {poll.status === "OPEN" ? (poll.multiple ? "Multiple choice" : "Open") : "Closed"}
                </span>
              </header>
              {showResults ? (
                <Results poll={poll} mine={mine} />
              ) : poll.status === "OPEN" && canVote && !mine.length ? (
                <Ballot poll={poll} onVote={(ids) => void vote(poll, ids)} />
              ) : (
                <p className="text-xs text-zinc-500">Results appear after you vote or when the poll closes.</p>
              )}
              {canModerate && poll.status === "OPEN" ? (
                <Button size="sm" variant="secondary" onClick={() => void close(poll)}>
                  Close poll
                </Button>
              ) : null}
            </article>
          );
        })}
      </div>
      <p role="alert" className="text-xs text-red-600">
        {error}
      </p>
      {canModerate ? (
        <details className="rounded-xl border border-zinc-200 px-3 py-2 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer font-medium">New poll</summary>
          <form onSubmit={create} className="mt-2 space-y-2">
            <label className="flex flex-col gap-1 text-xs">
              Question
              <input
                value={question}
                maxLength={200}
                onChange={(e) => setQuestion(e.target.value)}
                className="h-8 rounded-lg border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
              />
            </label>
            {options.map((o, i) => (
              <label key={i} className="flex flex-col gap-1 text-xs">
                Option {i + 1}
                <input
                  value={o}
                  maxLength={100}
                  onChange={(e) => setOptions(options.map((x, j) => (j === i ? e.target.value : x)))}
                  className="h-8 rounded-lg border border-zinc-300 bg-white px-2 text-sm dark:border-zinc-700 dark:bg-zinc-950"
                />
              </label>
            ))}
            <div className="flex flex-wrap items-center gap-2">
              {options.length < 10 ? (
                <Button size="sm" variant="ghost" type="button" onClick={() => setOptions([...options, ""])}>
                  Add option
                </Button>
              ) : null}
              <label className="flex items-center gap-1 text-xs">
                <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} /> Multiple choice
              </label>
              <Button size="sm" type="submit">
                Open poll
              </Button>
            </div>
          </form>
        </details>
      ) : null}
    </div>
  );
}
