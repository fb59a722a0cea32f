"use client";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Badge, LiveDot } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import type { RealtimeSocket } from "../realtime/use-realtime";
import type { TalkMedia } from "@/lib/media/schemas";
import { formatTime } from "./format-time";
import { useBroadcast } from "./use-broadcast";
import { StreamKeyPanel } from "./stream-key-panel";
import { UploadPanel } from "./upload-panel";
import { BackstagePreview } from "./backstage-preview";
import { SlotCountdown } from "./slot-countdown";

type Props = {
  socket: RealtimeSocket | null;
  connected: boolean;
  talkId: string;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  /** The slot's scheduled start: the backstage counts down to it. */
  startsAt: string;
  realtimeUrl: string;
  media: TalkMedia | null;
  onUploaded?: () => void;
  /** When the speakers may go public (TALK_GO_LIVE_WINDOW_MINUTES before the slot), and whether this viewer may before. */
  goLive: { opensAt: string; windowMinutes: number; canGoLiveEarly: boolean };
};

const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 30;

/**
 * A ticker in a worker: timers of a background tab are throttled to once a second, a worker's
 * are not, so the composite keeps 30 fps while the speaker is in the app they share.
 */
function startTicker(onTick: () => void): () => void {
  const source = `setInterval(() => postMessage(0), ${Math.round(1000 / FPS)});`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(url);
  worker.onmessage = onTick;
  return () => {
    worker.terminate();
    URL.revokeObjectURL(url);
  };
}

/** Speaker studio: camera/mic preview and pickers, screen share with camera picture-in-picture, go live / end. */
export function SpeakerStudio({ socket, connected, talkId, status, startsAt, realtimeUrl, media, onUploaded, goLive }: Props) {
  const ids = { camera: useId(), mic: useId(), window: useId(), test: useId(), backstage: useId() };
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cameraVideo = useRef<HTMLVideoElement | null>(null);
  const screenVideo = useRef<HTMLVideoElement | null>(null);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [mics, setMics] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>("");
  const [micId, setMicId] = useState<string>("");
  const [cameraStream, setCameraStream] = useState<MediaStream | null>(null);
  const [screenStream, setScreenStream] = useState<MediaStream | null>(null);
  const [deviceError, setDeviceError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const broadcast = useBroadcast({ socket, talkId });
  const outputRef = useRef<MediaStream | null>(null);

  // Camera + microphone for the chosen devices.
  useEffect(() => {
    if (!navigator.mediaDevices?.getUserMedia) {
      setDeviceError("This browser cannot use a camera here (a secure https page is needed).");
      return;
    }
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({
        video: {
          deviceId: cameraId ? { exact: cameraId } : undefined,
          width: { ideal: WIDTH },
          height: { ideal: HEIGHT },
          frameRate: { ideal: FPS },
        },
        audio: { deviceId: micId ? { exact: micId } : undefined, echoCancellation: true, noiseSuppression: true },
      })
      .then(async (s) => {
        if (cancelled) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        setCameraStream(s);
        setDeviceError(null);
        const devices = await navigator.mediaDevices.enumerateDevices();
        setCameras(devices.filter((d) => d.kind === "videoinput"));
        setMics(devices.filter((d) => d.kind === "audioinput"));
      })
      .catch((error: Error) => setDeviceError(`Camera or microphone unavailable: ${error.message}`));
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [cameraId, micId]);

  useEffect(() => {
    if (!cameraVideo.current) cameraVideo.current = Object.assign(document.createElement("video"), { muted: true, playsInline: true });
    const video = cameraVideo.current;
    video.srcObject = cameraStream;
    if (cameraStream) void video.play().catch(() => {});
  }, [cameraStream]);

  useEffect(() => {
    if (!screenVideo.current) screenVideo.current = Object.assign(document.createElement("video"), { muted: true, playsInline: true });
    const video = screenVideo.current;
    video.srcObject = screenStream;
    if (screenStream) void video.play().catch(() => {});
  }, [screenStream]);

  // The composite: the camera, or the screen with the camera as a picture-in-picture. What is
  // recorded is this canvas, so switching sources never interrupts the recording.
  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const draw = () => {
      context.fillStyle = "#09090b";
      context.fillRect(0, 0, WIDTH, HEIGHT);
      const screen = screenVideo.current;
      const camera = cameraVideo.current;
      const hasScreen = !!screenStream && screen && screen.videoWidth > 0;
      const hasCamera = !!camera && camera.videoWidth > 0;
      if (hasScreen) {
        drawContained(context, screen!, 0, 0, WIDTH, HEIGHT);
        if (hasCamera) {
          const w = WIDTH / 4;
          const h = (w * camera!.videoHeight) / camera!.videoWidth;
          context.drawImage(camera!, WIDTH - w - 24, HEIGHT - h - 24, w, h);
        }
      } else if (hasCamera) {
        drawContained(context, camera!, 0, 0, WIDTH, HEIGHT);
      }
    };
    return startTicker(draw);
  }, [screenStream]);

  // The microphone goes through a Web Audio node, so picking another one keeps the recording going.
  const audioRef = useRef<{ context: AudioContext; destination: MediaStreamAudioDestinationNode; source: MediaStreamAudioSourceNode | null } | null>(
    null,
  );
  useEffect(() => {
    const audio = audioRef.current;
    if (!audio || !cameraStream || cameraStream.getAudioTracks().length === 0) return;
    audio.source?.disconnect();
    audio.source = audio.context.createMediaStreamSource(cameraStream);
    audio.source.connect(audio.destination);
  }, [cameraStream]);

  const outputStream = useCallback((): MediaStream | null => {
    const canvas = canvasRef.current;
    if (!canvas || !cameraStream) return null;
    const stream = canvas.captureStream(FPS);
    if (!audioRef.current) {
      const context = new AudioContext({ sampleRate: 48000 });
      audioRef.current = { context, destination: context.createMediaStreamDestination(), source: null };
    }
    const audio = audioRef.current;
    void audio.context.resume();
    audio.source?.disconnect();
    if (cameraStream.getAudioTracks().length > 0) {
      audio.source = audio.context.createMediaStreamSource(cameraStream);
      audio.source.connect(audio.destination);
    }
    for (const track of audio.destination.stream.getAudioTracks()) stream.addTrack(track);
    outputRef.current = stream;
    return stream;
  }, [cameraStream]);

  const shareScreen = useCallback(async () => {
    if (screenStream) {
      screenStream.getTracks().forEach((t) => t.stop());
      setScreenStream(null);
      return;
    }
    try {
      const s = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: FPS }, audio: false });
      s.getVideoTracks()[0]?.addEventListener("ended", () => setScreenStream(null));
      setScreenStream(s);
    } catch {
      // The speaker cancelled the picker.
    }
  }, [screenStream]);

  // The on-air clock and the countdown to the go-live window.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const onAir = broadcast.phase === "live" || broadcast.phase === "starting";
  const testing = onAir && broadcast.mode === "test";
  // A test stream this page did not start (OBS before the window, another tab, a reload).
  const otherTest = !onAir && broadcast.phase !== "ending" && media?.isTest === true && media.recordingStatus === "LIVE";
  const ended = status === "ENDED" || broadcast.phase === "ended";
  const opensAt = new Date(goLive.opensAt).getTime();
  const windowOpen = now >= opensAt;
  const mayGoLive = windowOpen || goLive.canGoLiveEarly;
  const start = () => {
    const stream = outputStream();
    return stream ? broadcast.goLive(stream, "live") : undefined;
  };
  const { stats } = broadcast;
  // The test stream as the server publishes it (from this tab, another one, or OBS): what the backstage plays.
  const testPlaylist = media?.isTest && media.recordingStatus === "LIVE" && media.playlistPath ? `${realtimeUrl}${media.playlistPath}` : null;
  const healthy = stats.pending <= 3 && connected;

  return (
    <Card className="space-y-4 p-4" aria-label="Speaker studio" role="region">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Speaker studio</h2>
        <div aria-live="polite" className="flex items-center gap-2 text-sm">
          {broadcast.phase === "live" && testing ? (
            <Badge tone="warning">Private test · {formatTime(((now - (broadcast.startedAt ?? now)) / 1000) | 0)}</Badge>
          ) : broadcast.phase === "live" ? (
            <Badge tone="live">
              <LiveDot /> On air · {formatTime(((now - (broadcast.startedAt ?? now)) / 1000) | 0)}
            </Badge>
          ) : broadcast.phase === "starting" ? (
            <Badge tone="warning">Starting…</Badge>
          ) : ended ? (
            <Badge>Ended</Badge>
          ) : otherTest ? (
            <Badge tone="warning">Private test on (OBS or another tab)</Badge>
          ) : (
            <Badge>Off air</Badge>
          )}
        </div>
      </div>

      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_16rem]">
        <canvas
          ref={canvasRef}
          width={WIDTH}
          height={HEIGHT}
          className="aspect-video w-full rounded-xl bg-zinc-950"
          aria-label="Preview of what attendees see"
          role="img"
        />
        <div className="space-y-3 text-sm">
          <label htmlFor={ids.camera} className="block font-medium">
            Camera
          </label>
          <select
            id={ids.camera}
            value={cameraId}
            onChange={(e) => setCameraId(e.currentTarget.value)}
            className="block w-full rounded-xl border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Default camera</option>
            {cameras.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
          <label htmlFor={ids.mic} className="block font-medium">
            Microphone
          </label>
          <select
            id={ids.mic}
            value={micId}
            onChange={(e) => setMicId(e.currentTarget.value)}
            className="block w-full rounded-xl border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="">Default microphone</option>
            {mics.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {d.label || `Microphone ${i + 1}`}
              </option>
            ))}
          </select>
          <Button type="button" variant="secondary" size="sm" onClick={shareScreen} aria-pressed={!!screenStream} className="w-full">
            {screenStream ? "Stop sharing screen" : "Share screen"}
          </Button>
          {onAir ? (
            <dl className="grid grid-cols-2 gap-x-2 gap-y-1 rounded-xl bg-zinc-50 p-2 text-xs dark:bg-zinc-800/60" aria-label="Stream health">
              <dt className="text-zinc-500">Bitrate</dt>
              <dd className="tabular-nums">{stats.bitrateKbps} kbit/s</dd>
              <dt className="text-zinc-500">Chunks</dt>
              <dd className="tabular-nums">
                {stats.chunksAcked}/{stats.chunksSent}
                {stats.pending > 1 ? ` (${stats.pending} waiting)` : ""}
              </dd>
              <dt className="text-zinc-500">Segments</dt>
              <dd className="tabular-nums" data-testid="studio-segments">
                {stats.segments}
              </dd>
              <dt className="text-zinc-500">Reconnects</dt>
              <dd className="tabular-nums">{stats.reconnects}</dd>
              <dt className="text-zinc-500">Health</dt>
              <dd className={healthy ? "text-emerald-600" : "text-amber-600"}>{healthy ? "Good" : connected ? "Catching up" : "Reconnecting…"}</dd>
              {stats.transcoding !== null ? (
                <>
                  <dt className="text-zinc-500">Server</dt>
                  <dd>{stats.transcoding ? "encoding" : "copying H.264"}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </div>
      </div>

      {!ended && status === "SCHEDULED" ? (
        <section
          aria-labelledby={ids.backstage}
          data-testid="backstage"
          className="space-y-3 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id={ids.backstage} className="font-semibold">
              Backstage
            </h3>
            <SlotCountdown startsAt={startsAt} />
          </div>
          {testPlaylist ? (
            <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_16rem]">
              <BackstagePreview playlistUrl={testPlaylist} />
              <div className="space-y-2 text-sm text-zinc-600 dark:text-zinc-400">
                <p className="font-medium text-zinc-900 dark:text-zinc-100">Before you go live, check</p>
                <ul className="list-inside list-disc space-y-1">
                  <li>you are in frame and lit</li>
                  <li>shared slides are readable at this size</li>
                  <li>your voice is clear (Listen)</li>
                </ul>
                <p>Only you and the organizers see this test. Go live replaces it with the real stream.</p>
              </div>
            </div>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {onAir && !testing
                ? "Going live: attendees get the player as soon as the first seconds reach the server."
                : testing
                  ? "Starting your test stream: the preview appears once the server has the first seconds of it."
                  : "Start a private test stream to watch it here as attendees will: through the server, with its delay, before anyone else can see it."}
            </p>
          )}
        </section>
      ) : null}

      {deviceError ? (
        <p role="alert" className="text-sm text-red-600">
          {deviceError}
        </p>
      ) : null}
      {broadcast.error ? (
        <p role="alert" className="text-sm text-red-600">
          {broadcast.error}
        </p>
      ) : null}

      {!ended && status === "SCHEDULED" ? (
        <div className="space-y-1 rounded-xl bg-zinc-50 p-3 text-sm dark:bg-zinc-800/60">
          <p id={ids.window}>
            {windowOpen ? (
              <>Your slot&apos;s go-live window is open: going live puts you on air for every attendee.</>
            ) : (
              <>
                You can go live from {goLive.windowMinutes} minutes before your slot, at{" "}
                <time dateTime={goLive.opensAt}>{new Date(goLive.opensAt).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}</time> (in{" "}
                <span className="tabular-nums">{formatCountdown(opensAt - now)}</span>).{" "}
                {goLive.canGoLiveEarly ? "As an organizer you can start it now." : "An organizer can start it earlier."}
              </>
            )}
          </p>
          <p id={ids.test} className="text-zinc-600 dark:text-zinc-400">
            A test stream is private: only this talk&apos;s speakers and the organizers see it, attendees still see the talk as scheduled, and you can
            throw it away. {windowOpen ? "" : "OBS streams privately too until the window opens."}
          </p>
        </div>
      ) : null}

      <div className="flex flex-wrap gap-2">
        {!onAir && !ended && !otherTest && status === "SCHEDULED" ? (
          <Button
            type="button"
            variant="secondary"
            aria-describedby={ids.test}
            disabled={!cameraStream || !connected || broadcast.phase === "ending"}
            onClick={() => {
              const stream = outputStream();
              if (stream) void broadcast.goLive(stream, "test");
            }}
          >
            Test stream (private)
          </Button>
        ) : null}
        {testing || otherTest ? (
          <Button type="button" variant="secondary" disabled={broadcast.phase === "ending"} onClick={() => void broadcast.discardTest()}>
            Discard test
          </Button>
        ) : null}
        {(!onAir || testing) && !ended ? (
          <Button
            type="button"
            aria-describedby={status === "SCHEDULED" ? ids.window : undefined}
            disabled={!cameraStream || !connected || broadcast.phase === "ending" || (status === "SCHEDULED" && !mayGoLive) || otherTest}
            onClick={async () => {
              // The test is thrown away first: the broadcast starts from a clean recording.
              if (testing && !(await broadcast.discardTest())) return;
              void start();
            }}
          >
            {status === "SCHEDULED" && !windowOpen && goLive.canGoLiveEarly ? "Go live early (organizer)" : "Go live"}
          </Button>
        ) : null}
        {(onAir && !testing) || (broadcast.phase === "ending" && broadcast.mode === "live") || (status === "LIVE" && !ended) ? (
          <Button type="button" variant="danger" disabled={broadcast.phase === "ending"} onClick={() => void broadcast.endTalk()}>
            {broadcast.phase === "ending" ? "Ending…" : "End talk"}
          </Button>
        ) : null}
      </div>

      {!onAir && !ended ? (
        // Open while a pre-recorded video is attached, so its state (processing, ready, failed) is in view.
        <details open={media?.source === "UPLOAD" || undefined} className="rounded-xl border border-zinc-200 p-3 text-sm dark:border-zinc-800">
          <summary className="cursor-pointer font-medium">Stream from OBS or upload a recording instead</summary>
          <div className="mt-3 space-y-4">
            <StreamKeyPanel talkId={talkId} realtimeUrl={realtimeUrl} />
            <UploadPanel talkId={talkId} realtimeUrl={realtimeUrl} media={media} onUploaded={onUploaded} />
          </div>
        </details>
      ) : null}
    </Card>
  );
}

/** "2 d 3 h", "3 h 12 min", "4 min 05 s": how long until the go-live window opens. */
function formatCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${m} min`;
  return `${m} min ${String(s).padStart(2, "0")} s`;
}

function drawContained(context: CanvasRenderingContext2D, video: HTMLVideoElement, x: number, y: number, w: number, h: number) {
  const scale = Math.min(w / video.videoWidth, h / video.videoHeight);
  const dw = video.videoWidth * scale;
  const dh = video.videoHeight * scale;
  context.drawImage(video, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
}
