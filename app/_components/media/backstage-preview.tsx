"use client";
import { useEffect, useRef, useState } from "react";
import type HlsType from "hls.js";
import { LIVE_HLS_CONFIG } from "./live-player-config";

/**
 * The backstage preview: the private test stream played back from the server, through the same
 * ffmpeg output and HLS player settings attendees get, so the speaker sees (and can hear) the
 * stream as it will look, its delay included. Muted at first: the speaker's own voice a few seconds
 * late is confusing while talking.
 */
export function BackstagePreview({ playlistUrl }: { playlistUrl: string }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);
  const [playing, setPlaying] = useState(false);
  const [delaySeconds, setDelaySeconds] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let cancelled = false;
    let hls: HlsType | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    video.muted = true;
    void (async () => {
      const { default: Hls } = await import("hls.js");
      if (cancelled) return;
      if (Hls.isSupported()) {
        hls = new Hls({
          ...LIVE_HLS_CONFIG,
          xhrSetup: (xhr) => {
            xhr.withCredentials = true; // a test stream is served to the talk's speakers and organizers only
          },
        });
        hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => setProblem("Press play to start the preview.")));
        hls.on(Hls.Events.ERROR, (_event, data) => {
          if (!data.fatal || !hls) return;
          if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
          else {
            setProblem("The preview lost the stream, retrying…");
            setTimeout(() => hls?.startLoad(), 2000);
          }
        });
        hls.loadSource(playlistUrl);
        hls.attachMedia(video);
        // How far behind the camera attendees will be: hls.js' estimate of the live latency.
        timer = setInterval(() => setDelaySeconds(hls && Number.isFinite(hls.latency) && hls.latency > 0 ? hls.latency : null), 1000);
      } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
        video.src = playlistUrl;
        void video.play().catch(() => setProblem("Press play to start the preview."));
      } else {
        setProblem("This browser cannot play the preview.");
      }
    })();
    const onPlaying = () => {
      setPlaying(true);
      setProblem(null);
    };
    const onPause = () => setPlaying(false);
    video.addEventListener("playing", onPlaying);
    video.addEventListener("pause", onPause);
    return () => {
      cancelled = true;
      if (timer) clearInterval(timer);
      hls?.destroy();
      video.removeEventListener("playing", onPlaying);
      video.removeEventListener("pause", onPause);
      video.removeAttribute("src");
      video.load();
    };
  }, [playlistUrl]);

  useEffect(() => {
    if (videoRef.current) videoRef.current.muted = muted;
  }, [muted]);

  return (
    <figure role="region" aria-label="Backstage preview" className="space-y-2">
      <div className="relative overflow-hidden rounded-xl bg-black">
        <video
          ref={videoRef}
          className="aspect-video w-full bg-black"
          playsInline
          muted
          aria-label="Preview of the outgoing stream"
          data-testid="backstage-video"
        />
        {!playing ? (
          <p className="absolute inset-0 flex items-center justify-center p-4 text-center text-sm text-zinc-300">
            {problem ?? "Loading the preview…"}
          </p>
        ) : null}
      </div>
      <figcaption className="flex flex-wrap items-center justify-between gap-2 text-xs text-zinc-600 dark:text-zinc-400">
        <span>
          What attendees will see, from the server
          {delaySeconds !== null ? <span className="tabular-nums"> · about {delaySeconds.toFixed(1)} s behind you</span> : null}
        </span>
        <span className="flex gap-1">
          {!playing ? (
            <button
              type="button"
              className="rounded-lg px-2 py-1 font-medium text-brand-600 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              onClick={() => void videoRef.current?.play().catch(() => {})}
            >
              Play preview
            </button>
          ) : null}
          <button
            type="button"
            aria-pressed={!muted}
            className="rounded-lg px-2 py-1 font-medium text-brand-600 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            onClick={() => setMuted((m) => !m)}
          >
            Listen
          </button>
        </span>
      </figcaption>
    </figure>
  );
}
