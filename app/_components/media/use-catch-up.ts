"use client";
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { DEFAULT_CATCH_UP_RATE, stepCatchUp, type CatchUpRate } from "@/lib/media/catch-up";

/**
 * "Catch up" for a viewer behind a live talk: plays at the chosen rate until the live edge, then at
 * 1x, where the player follows live again (`onArrived`). The decisions are lib/media/catch-up.ts;
 * this hook only applies them to the media element on each position update.
 */
export function useCatchUp(options: {
  videoRef: RefObject<HTMLVideoElement | null>;
  live: boolean;
  paused: boolean;
  behindSeconds: number;
  onArrived: () => void;
}) {
  const { videoRef, live, paused, behindSeconds, onArrived } = options;
  const [catchingUp, setCatchingUp] = useState(false);
  const [rate, setRate] = useState<CatchUpRate>(DEFAULT_CATCH_UP_RATE);
  // Set when catching up ends at the live edge; cleared a few seconds later (the "back at 1x" note).
  const [arrivedAt, setArrivedAt] = useState<number | null>(null);
  const onArrivedRef = useRef(onArrived);
  useEffect(() => {
    onArrivedRef.current = onArrived;
  }, [onArrived]);

  const step = stepCatchUp({ live, paused, behindSeconds, catchingUp, rate });

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    // Only while catching up (and on the step that ends it) is the rate ours: otherwise hls.js
    // owns it (its own small catch-up near the live edge).
    if ((catchingUp || step.arrived || step.stopped) && video.playbackRate !== step.playbackRate) video.playbackRate = step.playbackRate;
    if (catchingUp && !step.catchingUp) setCatchingUp(false);
    if (step.arrived) {
      setArrivedAt(Date.now());
      onArrivedRef.current();
    }
  }, [videoRef, catchingUp, step.playbackRate, step.catchingUp, step.arrived, step.stopped]);

  useEffect(() => {
    if (arrivedAt === null) return;
    const timer = setTimeout(() => setArrivedAt(null), 6000);
    return () => clearTimeout(timer);
  }, [arrivedAt]);

  const start = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    setArrivedAt(null);
    // From a pause, start once playing: a paused viewer counts as having stopped catching up.
    if (video.paused)
      void video.play().then(
        () => setCatchingUp(true),
        () => {},
      );
    else setCatchingUp(true);
  }, [videoRef]);

  const stop = useCallback(() => {
    setCatchingUp(false);
    const video = videoRef.current;
    if (video) video.playbackRate = 1;
  }, [videoRef]);

  return { catchingUp, offer: step.offer, rate, setRate, start, stop, arrived: arrivedAt !== null };
}
