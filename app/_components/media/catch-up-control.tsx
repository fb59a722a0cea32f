"use client";
import { useId } from "react";
import { CATCH_UP_RATES, formatBehind, isCatchUpRate, secondsToCatchUp, type CatchUpRate } from "@/lib/media/catch-up";
import { formatTime } from "./format-time";

type Props = {
  behindSeconds: number;
  catchingUp: boolean;
  offer: boolean;
  arrived: boolean;
  rate: CatchUpRate;
  onRate: (rate: CatchUpRate) => void;
  onStart: () => void;
  onStop: () => void;
};

/** The live player's "Catch up" control: how far behind, the speed, and what it is doing. */
export function CatchUpControl({ behindSeconds, catchingUp, offer, arrived, rate, onRate, onStart, onStop }: Props) {
  const rateId = useId();
  if (arrived) {
    return (
      <span role="status" className="rounded-lg bg-emerald-600/90 px-2 py-1 text-xs font-medium" data-testid="catch-up-status">
        Caught up: you are live, playing at 1×
      </span>
    );
  }
  if (!offer && !catchingUp) return null;
  return (
    <div className="flex items-center gap-1.5" role="group" aria-label="Catch up with live">
      <span className="tabular-nums text-xs text-zinc-300" data-testid="behind-live">
        {formatBehind(behindSeconds)} behind
      </span>
      {catchingUp ? (
        <>
          <span role="status" className="rounded-lg bg-brand-600/90 px-2 py-1 text-xs font-medium" data-testid="catch-up-status">
            Catching up at {rate}× · live in about {formatTime(secondsToCatchUp(behindSeconds, rate))}
          </span>
          <button type="button" onClick={onStop} className="rounded-lg px-2 py-1 text-xs hover:bg-white/15">
            Stop catching up
          </button>
        </>
      ) : (
        <>
          <label htmlFor={rateId} className="sr-only">
            Catch-up speed
          </label>
          <select
            id={rateId}
            value={rate}
            onChange={(e) => {
              const next = Number(e.currentTarget.value);
              if (isCatchUpRate(next)) onRate(next);
            }}
            className="rounded-lg bg-black/40 px-1 py-1 text-xs"
          >
            {CATCH_UP_RATES.map((r) => (
              <option key={r} value={r}>
                {r}×
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={onStart}
            className="rounded-lg bg-white/15 px-2 py-1 font-medium hover:bg-white/25"
            title={`Play at ${rate}× until you are live, then at normal speed`}
          >
            Catch up
          </button>
        </>
      )}
    </div>
  );
}
