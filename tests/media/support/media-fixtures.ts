import { spawn, type ChildProcess } from "node:child_process";
import { io as connect, type Socket } from "socket.io-client";
import { prisma } from "@/lib/db/client";
import { getFfmpegPath } from "@/server/media/ffmpeg/ffmpeg-path";
import { parseMediaPlaylist } from "@/lib/media/hls-playlist";
import { createConference, createUser, uid } from "../../support/fixtures";

/** A conference with a talk about to start, a speaker account presenting it, and an attendee with a ticket. */
export async function createLiveTalkSetup() {
  const { conference, talks } = await createConference();
  // Its slot starts in a few minutes: inside the go-live window, so its speaker may go public.
  const startsAt = new Date(Date.now() + 5 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
  talks.webTalk = await prisma.talk.update({ where: { id: talks.webTalk.id }, data: { startsAt, endsAt } });
  talks.sideTalk = await prisma.talk.update({ where: { id: talks.sideTalk.id }, data: { startsAt, endsAt } });
  const speakerUser = await createUser({ conferenceId: conference.id, role: "SPEAKER", name: "Speaker" });
  const speaker = await prisma.speaker.create({
    data: { conferenceId: conference.id, userId: speakerUser.id, slug: `speaker-${uid()}`, name: "Speaker" },
  });
  await prisma.talkSpeaker.create({ data: { talkId: talks.webTalk.id, speakerId: speaker.id } });
  const attendee = await createUser({ conferenceId: conference.id, ticket: true, name: "Attendee" });
  const stranger = await createUser({ conferenceId: conference.id, ticket: true, name: "Someone else" });
  return { conference, talk: talks.webTalk, otherTalk: talks.sideTalk, speaker: speakerUser, attendee, stranger };
}

export function connectClient(port: number, cookie?: string): Promise<Socket> {
  const socket = connect(`http://127.0.0.1:${port}`, {
    transports: ["websocket"],
    extraHeaders: cookie ? { cookie } : {},
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

export function emitAck<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 15_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/**
 * A live WebM source like a browser's MediaRecorder: ffmpeg renders testsrc + a tone at real-time
 * pace (-re) and every second the bytes produced so far are sent as one chunk.
 */
export function startWebmFeeder(options: {
  seconds: number;
  codec?: "vp8" | "h264";
  size?: string;
  rate?: number;
  onChunk: (chunk: Buffer, seq: number) => Promise<void> | void;
}): { done: Promise<number>; stop: () => void; process: ChildProcess } {
  const size = options.size ?? "640x360";
  const rate = options.rate ?? 25;
  const video =
    options.codec === "h264"
      ? ["-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", String(rate), "-pix_fmt", "yuv420p"]
      : ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "800k", "-g", String(rate)];
  const child = spawn(
    getFfmpegPath(),
    [
      "-hide_banner",
      "-loglevel",
      "error",
      "-re",
      "-f",
      "lavfi",
      "-i",
      `testsrc=size=${size}:rate=${rate}`,
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:sample_rate=48000",
      "-t",
      String(options.seconds),
      ...video,
      "-c:a",
      "libopus",
      "-b:a",
      "64k",
      "-f",
      options.codec === "h264" ? "matroska" : "webm",
      "-live",
      "1",
      "pipe:1",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let pending: Buffer[] = [];
  let seq = 0;
  let sending = Promise.resolve();
  const flush = () => {
    if (pending.length === 0) return;
    const chunk = Buffer.concat(pending);
    pending = [];
    const n = seq++;
    sending = sending.then(() => options.onChunk(chunk, n));
  };
  child.stdout!.on("data", (data: Buffer) => pending.push(data));
  const timer = setInterval(flush, 1000);
  const done = new Promise<number>((resolve) => {
    child.on("close", () => {
      clearInterval(timer);
      flush();
      void sending.then(() => resolve(seq));
    });
  });
  return { done, stop: () => child.kill("SIGKILL"), process: child };
}

export async function readPlaylist(port: number, pathname: string, cookie?: string) {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, { headers: cookie ? { cookie } : {} });
  if (!response.ok) return null;
  const text = await response.text();
  return { text, headers: response.headers, ...parseMediaPlaylist(text) };
}

export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
