"use client";
import { useCallback, useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from "react";
import type HlsType from "hls.js";
import type { TalkMedia } from "@/lib/media/schemas";
import { Badge, LiveDot } from "../ui/badge";
import { formatTime } from "./format-time";
import { CATCH_UP_RATE, LIVE_HLS_CONFIG, LIVE_SYNC_SECONDS } from "./live-player-config";
import { TalkTime } from "../schedule/time-zone";
import { useViewerHeartbeat } from "./use-viewer-heartbeat";
import { parseStartTime } from "@/lib/talks/start-time";
import { useCatchUp } from "./use-catch-up";
import { CatchUpControl } from "./catch-up-control";
import { CaptionsControl, ChapterMarks, chapterAt, showCaptions, type PlayerExtras } from "./player-timeline";

type Props = {
  talkId: string;
  media: TalkMedia | null;
  status: TalkMedia["status"];
  realtimeUrl: string;
  title: string;
  startsAt: string;
  startAtSeconds?: number;
  /** Chapters and captions tracks (talk-media-area.tsx loads them). */
  extras?: PlayerExtras;
};

// A player following live that fell behind (a slow machine, a stall) plays a little faster until it
// is back (hls.js, within one target duration of its goal); further behind, it jumps back.
const CATCH_UP_JUMP_SECONDS = 6;
// Further behind than this, the player counts as "watching the past" (Jump to live is offered).
const BEHIND_LIVE_SECONDS = 8;

const NONE_CHAPTERS: PlayerExtras["chapters"] = [];
const NONE_CAPTIONS: PlayerExtras["captions"] = [];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Attendee player: live DVR with the whole talk seekable, replay at the same URL, hls.js or native HLS. */
export function TalkPlayer({ talkId, media, status, realtimeUrl, title, startsAt, startAtSeconds, extras }: Props) {
  const containerRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<HlsType | null>(null);
  // False once the viewer scrubbed back or paused: then nothing pulls them to the live edge.
  const followsLiveRef = useRef(true);
  const [playing, setPlaying] = useState(false);
  const [muted, setMuted] = useState(false);
  const [currentTime, setCurrentTime] = useState(0);
  const [edge, setEdge] = useState(0); // end of what can be watched so far (live edge or duration)
  const [playlistEnded, setPlaylistEnded] = useState(false);
  const [levels, setLevels] = useState<{ index: number; label: string }[]>([]);
  const [level, setLevel] = useState(-1);
  const [notice, setNotice] = useState("");
  const [needsClick, setNeedsClick] = useState(false);
  const [copiedLink, setCopiedLink] = useState<string | null>(null);
  const [captionLanguage, setCaptionLanguage] = useState<string | null>(null);
  const chapters = extras?.chapters ?? NONE_CHAPTERS;
  const captions = extras?.captions ?? NONE_CAPTIONS;

  const playlistUrl = media?.playlistPath ? `${realtimeUrl}${media.playlistPath}` : null;
  const live = status === "LIVE" && !playlistEnded;
  const behind = live && edge - currentTime > BEHIND_LIVE_SECONDS;
  useViewerHeartbeat({ realtimeUrl, talkId, videoRef, mode: live ? (media?.premiereAt ? "premiere" : "live") : "replay" });

  const followLive = useCallback((follow: boolean) => {
    followsLiveRef.current = follow;
    const hls = hlsRef.current;
    if (hls) hls.config.maxLiveSyncPlaybackRate = follow ? CATCH_UP_RATE : 1;
  }, []);

  // The viewer's own catch-up (use-catch-up.ts): faster until the live edge, then following live at 1x.
  const catchUp = useCatchUp({ videoRef, live, paused: !playing, behindSeconds: edge - currentTime, onArrived: () => followLive(true) });

  // Captions: the chosen track shows, the others are off (also when tracks arrive after the choice).
  useEffect(() => {
    const video = videoRef.current;
    if (video) showCaptions(video, captions.some((t) => t.language === captionLanguage) ? captionLanguage : null);
  }, [captions, captionLanguage]);

  // Load the playlist; the same URL keeps working when the talk ends (ENDLIST turns it into the replay).
  useEffect(() => {
    const video = videoRef.current;
    if (!video || !playlistUrl) return;
    let cancelled = false;
    const start = startAtSeconds ?? readStartFromUrl();
    setPlaylistEnded(false);
    const tryPlay = () => {
      video.play().then(
        () => setNeedsClick(false),
        () => setNeedsClick(true),
      );
    };
    void (async () => {
      const { default: Hls } = await import("hls.js");
      if (cancelled) return;
      if (Hls.isSupported()) {
        followLive(start === undefined);
        const hls = new Hls({
          ...LIVE_HLS_CONFIG,
          maxLiveSyncPlaybackRate: followsLiveRef.current ? CATCH_UP_RATE : 1,
          startPosition: start ?? -1,
          backBufferLength: 60,
          xhrSetup: (xhr) => {
            xhr.withCredentials = true; // the session cookie authorizes playlists of ticketed talks
          },
        });
        hlsRef.current = hls;
        hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
          setLevels(
            data.levels.length > 1 ? data.levels.map((l, index) => ({ index, label: l.height ? `${l.height}p` : `Level ${index + 1}` })) : [],
          );
          tryPlay();
        });
        hls.on(Hls.Events.LEVEL_UPDATED, (_e, data) => {
          setPlaylistEnded(!data.details.live);
        });
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          if (data.type === Hls.ErrorTypes.MEDIA_ERROR) hls.recoverMediaError();
          else {
            setNotice("Connection problem, retrying…");
            setTimeout(() => hls.startLoad(), 2000);
          }
        });
        hls.loadSource(playlistUrl);
        hls.attachMedia(video);
      } else if (video.canPlayType("application/vnd.apple.mpegurl")) {
        // Safari plays HLS natively (cookies go along on the same site).
        video.src = playlistUrl;
        video.addEventListener(
          "loadedmetadata",
          () => {
            if (start !== undefined) video.currentTime = start;
            tryPlay();
          },
          { once: true },
        );
      } else {
        setNotice("This browser cannot play the stream.");
      }
    })();
    return () => {
      cancelled = true;
      hlsRef.current?.destroy();
      hlsRef.current = null;
      video.removeAttribute("src");
      video.load();
    };
  }, [playlistUrl, startAtSeconds, followLive]);

  // Far behind while following live (hls.js only speeds up near its goal): back to the live edge.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      const video = videoRef.current;
      const hls = hlsRef.current;
      if (!video || !hls || video.paused || !followsLiveRef.current || hls.liveSyncPosition === null) return;
      if (hls.liveSyncPosition - video.currentTime > CATCH_UP_JUMP_SECONDS) video.currentTime = hls.liveSyncPosition;
    }, 1000);
    return () => clearInterval(timer);
  }, [live]);

  // Position, live edge and play state, from the media element.
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const update = () => {
      setCurrentTime(video.currentTime);
      const seekable = video.seekable;
      const end = seekable.length ? seekable.end(seekable.length - 1) : Number.isFinite(video.duration) ? video.duration : 0;
      setEdge(end);
      setPlaying(!video.paused);
      setMuted(video.muted);
      if (!video.paused) setNotice("");
    };
    const events = ["timeupdate", "durationchange", "progress", "play", "pause", "seeked", "volumechange", "loadedmetadata"];
    for (const e of events) video.addEventListener(e, update);
    return () => {
      for (const e of events) video.removeEventListener(e, update);
    };
  }, []);

  // Tell the chat where playback is, so it can replay the messages of that moment
  // (contract: app/_components/chat/talk-chat-area.tsx, event "plenary:playback").
  useEffect(() => {
    if (!playlistUrl) return;
    window.dispatchEvent(
      new CustomEvent("plenary:playback", { detail: { talkId, positionMs: Math.round(currentTime * 1000), live: live && !behind } }),
    );
  }, [talkId, playlistUrl, currentTime, live, behind]);

  const togglePlay = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    if (video.paused)
      void video
        .play()
        .then(() => setNeedsClick(false))
        .catch(() => setNeedsClick(true));
    else {
      video.pause();
      followLive(false); // the viewer chose to fall behind
    }
  }, [followLive]);

  const seekTo = useCallback(
    (seconds: number) => {
      const video = videoRef.current;
      if (!video) return;
      const seekable = video.seekable;
      const end = seekable.length ? seekable.end(seekable.length - 1) : video.duration;
      // The first segment may start a little after 0; seeking before it would make hls.js (live)
      // treat the position as outside the playlist and jump back to the live edge.
      const start = seekable.length ? seekable.start(0) + 0.05 : 0;
      const target = Math.max(start, Math.min(seconds, Number.isFinite(end) ? end : seconds));
      // Scrubbing back leaves the live edge for good (until Jump to live); near it, playback follows it.
      followLive(!Number.isFinite(end) || end - target <= BEHIND_LIVE_SECONDS);
      video.currentTime = target;
    },
    [followLive],
  );

  const jumpToLive = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    const target =
      hlsRef.current?.liveSyncPosition ?? (video.seekable.length ? video.seekable.end(video.seekable.length - 1) - LIVE_SYNC_SECONDS : null);
    if (target !== null && target !== undefined) video.currentTime = target;
    followLive(true);
    if (video.paused) void video.play().catch(() => {});
  }, [followLive]);

  // The chapter list under the player (talk-chapters.tsx) seeks here: `plenary:seek` on window.
  useEffect(() => {
    const onSeek = (event: Event) => {
      const detail = (event as CustomEvent<{ talkId: string; seconds: number }>).detail;
      if (!detail || detail.talkId !== talkId || typeof detail.seconds !== "number") return;
      seekTo(detail.seconds);
      const video = videoRef.current;
      if (video?.paused) void video.play().catch(() => setNeedsClick(true));
    };
    window.addEventListener("plenary:seek", onSeek);
    return () => window.removeEventListener("plenary:seek", onSeek);
  }, [talkId, seekTo]);

  const toggleFullscreen = useCallback(() => {
    const container = containerRef.current;
    if (!container) return;
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    else void container.requestFullscreen?.().catch(() => {});
  }, []);

  const copyMomentLink = useCallback(async () => {
    const url = new URL(window.location.href);
    url.searchParams.set("t", String(Math.floor(videoRef.current?.currentTime ?? 0)));
    const link = url.toString();
    try {
      await navigator.clipboard.writeText(link);
      setNotice("Link to this moment copied");
      setCopiedLink(null);
    } catch {
      setCopiedLink(link); // no clipboard access (e.g. plain http): show the link to copy by hand
    }
  }, []);

  // Keyboard: space/k play-pause, arrows seek 5 s, f fullscreen, l jump to live. On the whole page
  // unless the user is typing (chat) or on another control.
  const onKey = useCallback(
    (event: KeyboardEvent | ReactKeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const inPlayer = containerRef.current?.contains(event.target as Node) ?? false;
      const onOtherControl = event.target instanceof HTMLElement && ["BUTTON", "A"].includes(event.target.tagName) && !inPlayer;
      if (onOtherControl) return;
      const video = videoRef.current;
      if (!video || !playlistUrl) return;
      switch (event.key) {
        case " ":
        case "k":
          if (event.target instanceof HTMLButtonElement && event.key === " ") return; // the button handles it
          event.preventDefault();
          togglePlay();
          break;
        case "ArrowLeft":
          if (event.target instanceof HTMLInputElement) return;
          event.preventDefault();
          seekTo(video.currentTime - 5);
          break;
        case "ArrowRight":
          if (event.target instanceof HTMLInputElement) return;
          event.preventDefault();
          seekTo(video.currentTime + 5);
          break;
        case "f":
          event.preventDefault();
          toggleFullscreen();
          break;
        case "l":
          if (live) jumpToLive();
          break;
        case "c":
          if (captions.length) setCaptionLanguage((cur) => (cur === null ? captions[0]!.language : null));
          break;
      }
    },
    [playlistUrl, togglePlay, seekTo, toggleFullscreen, jumpToLive, live, captions],
  );

  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      // Inside the player the container's own handler runs; here only for the rest of the page.
      if (containerRef.current?.contains(event.target as Node)) return;
      onKey(event);
    };
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, [onKey]);

  const placeholder = !playlistUrl ? placeholderText(media, status, startsAt) : null;

  return (
    <div
      ref={containerRef}
      role="region"
      aria-label={`Video player: ${title}`}
      tabIndex={0}
      onKeyDown={onKey}
      className="group relative overflow-hidden rounded-2xl bg-black text-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
    >
      <video
        ref={videoRef}
        className="aspect-video w-full bg-black"
        playsInline
        onClick={togglePlay}
        aria-label="Talk video"
        data-testid="talk-video"
      >
        {captions.map((t) => (
          <track key={t.id} kind="subtitles" src={t.url} srcLang={t.language} label={t.label} />
        ))}
      </video>
      {placeholder ? (
        <div className="absolute inset-0 flex flex-col items-center justify-center gap-2 bg-zinc-900 p-6 text-center">
          <p className="text-lg font-medium">{placeholder.title}</p>
          {placeholder.detail ? <p className="text-sm text-zinc-400">{placeholder.detail}</p> : null}
          {/* In the viewer's chosen zone, like every time on the page; blank until then, never the conference's zone first. */}
          {placeholder.at ? <TalkTime start={placeholder.at} showDay blankUntilHydrated className="text-sm text-zinc-400" /> : null}
        </div>
      ) : null}
      {needsClick && playlistUrl ? (
        <button
          type="button"
          onClick={togglePlay}
          className="absolute inset-0 m-auto flex h-16 w-16 items-center justify-center rounded-full bg-white/90 text-zinc-900 shadow-lg hover:bg-white"
          aria-label="Play"
        >
          <svg viewBox="0 0 24 24" className="ml-1 h-7 w-7" aria-hidden="true" fill="currentColor">
            <path d="M8 5v14l11-7z" />
          </svg>
        </button>
      ) : null}
      {live ? (
        <div className="absolute left-3 top-3">
          <Badge tone="live">
            <LiveDot /> LIVE
          </Badge>
        </div>
      ) : null}

      {playlistUrl ? (
        <div className="absolute inset-x-0 bottom-0 space-y-2 bg-gradient-to-t from-black/80 to-transparent px-3 pb-3 pt-8">
          <div className="relative">
            <input
              type="range"
              aria-label="Seek"
              min={0}
              max={Math.max(edge, 0.1)}
              step={0.1}
              value={Math.min(currentTime, edge)}
              aria-valuetext={`${formatTime(currentTime)} of ${formatTime(edge)}`}
              onChange={(e) => {
                // Update the controlled value first: otherwise React puts the old position back and
                // the "change" event that follows "input" seeks there again.
                const seconds = Number(e.currentTarget.value);
                setCurrentTime(seconds);
                seekTo(seconds);
              }}
              className="h-1 w-full cursor-pointer accent-brand-500"
            />
            <ChapterMarks chapters={chapters} edge={edge} />
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <button
              type="button"
              onClick={togglePlay}
              className="rounded-lg px-2 py-1 font-medium hover:bg-white/15"
              aria-label={playing ? "Pause" : "Play"}
            >
              {playing ? "Pause" : "Play"}
            </button>
            <button
              type="button"
              onClick={() => {
                if (videoRef.current) videoRef.current.muted = !videoRef.current.muted;
              }}
              className="rounded-lg px-2 py-1 hover:bg-white/15"
              aria-pressed={muted}
            >
              {muted ? "Unmute" : "Mute"}
            </button>
            <span className="tabular-nums text-zinc-200" data-testid="player-time">
              {formatTime(currentTime)} / {formatTime(edge)}
            </span>
            {chapterAt(chapters, currentTime) ? (
              <span className="hidden max-w-[16rem] truncate text-zinc-300 sm:inline" data-testid="current-chapter">
                · {chapterAt(chapters, currentTime)!.title}
              </span>
            ) : null}
            <span className="flex-1" />
            {live ? (
              <CatchUpControl
                behindSeconds={edge - currentTime}
                catchingUp={catchUp.catchingUp}
                offer={catchUp.offer}
                arrived={catchUp.arrived}
                rate={catchUp.rate}
                onRate={catchUp.setRate}
                onStart={() => {
                  followLive(false); // ours to drive until the live edge; hls.js would reset the rate
                  catchUp.start();
                }}
                onStop={catchUp.stop}
              />
            ) : null}
            {live ? (
              <button
                type="button"
                onClick={jumpToLive}
                disabled={!behind}
                className="rounded-lg bg-red-600 px-2 py-1 font-medium hover:bg-red-700 disabled:bg-transparent disabled:text-zinc-300"
              >
                {behind ? "Jump to live" : "At live"}
              </button>
            ) : null}
            {levels.length > 0 ? (
              <label className="flex items-center gap-1">
                <span className="sr-only">Quality</span>
                <select
                  value={level}
                  onChange={(e) => {
                    const next = Number(e.currentTarget.value);
                    setLevel(next);
                    if (hlsRef.current) hlsRef.current.currentLevel = next;
                  }}
                  className="rounded-lg bg-black/40 px-1 py-1 text-sm"
                >
                  <option value={-1}>Auto</option>
                  {levels.map((l) => (
                    <option key={l.index} value={l.index}>
                      {l.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <CaptionsControl tracks={captions} language={captionLanguage} onChange={setCaptionLanguage} />
            <button type="button" onClick={copyMomentLink} className="rounded-lg px-2 py-1 hover:bg-white/15">
              Copy link to this moment
            </button>
            <button type="button" onClick={toggleFullscreen} className="rounded-lg px-2 py-1 hover:bg-white/15" aria-label="Fullscreen">
              ⛶
            </button>
          </div>
          {copiedLink ? (
            <input
              readOnly
              value={copiedLink}
              aria-label="Link to this moment"
              onFocus={(e) => e.currentTarget.select()}
              className="w-full rounded-lg bg-black/60 px-2 py-1 text-xs"
            />
          ) : null}
        </div>
      ) : null}
      <p aria-live="polite" className="sr-only">
        {notice}
      </p>
      {notice ? <p className="absolute right-3 top-3 rounded-lg bg-black/70 px-2 py-1 text-xs">{notice}</p> : null}
    </div>
  );
}

function readStartFromUrl(): number | undefined {
  return parseStartTime(new URLSearchParams(window.location.search).get("t"));
}

function placeholderText(media: TalkMedia | null, status: TalkMedia["status"], startsAt: string): { title: string; detail?: string; at?: string } {
  if (media?.source === "UPLOAD" && media.recordingStatus === "FAILED") {
    return {
      title: "This pre-recorded talk cannot be played",
      detail: "Its video could not be processed. The speaker and the organizers have been shown why.",
    };
  }
  if (media?.source === "UPLOAD" && media.recordingStatus === "PROCESSING") {
    if (media.lateByMs !== null) {
      return {
        title: "The premiere is delayed: its video is still being prepared",
        detail: `${media.progress}% processed. It starts as soon as it is ready; you can scrub back to the beginning.`,
      };
    }
    return { title: "The video is being prepared", detail: `${media.progress}% processed` };
  }
  if (media?.premiereAt && media.recordingStatus === "READY") {
    return { title: "Premieres at the scheduled start", at: media.premiereAt };
  }
  if (status === "LIVE") return { title: "The stream is starting…" };
  if (status === "ENDED") return { title: "This talk has ended", detail: "There is no recording." };
  return { title: "The stream appears here when the talk starts", at: startsAt };
}
