"use client";
import { useId, useState, type FormEvent } from "react";
import type { CaptionTrackView } from "@/lib/captions/schemas";
import { Button } from "../ui/button";
import { inputClass } from "../ui/form";
import { errorMessageOf } from "./use-player-extras";

type Props = { talkId: string; tracks: CaptionTrackView[]; onChanged: () => Promise<void> };

/** For the talk's speakers and organizers: upload WebVTT captions (one track per language), or remove one. */
export function CaptionsManager({ talkId, tracks, onChanged }: Props) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [language, setLanguage] = useState("en");
  const [label, setLabel] = useState("English");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const base = `/api/talks/${encodeURIComponent(talkId)}/captions`;

  const upload = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setMessage({ tone: "error", text: "Choose a WebVTT file (.vtt)" });
    setBusy(true);
    setMessage(null);
    try {
      const query = new URLSearchParams({ language: language.trim(), label });
      const response = await fetch(`${base}?${query}`, { method: "POST", headers: { "content-type": "text/vtt" }, body: file });
      if (!response.ok) return setMessage({ tone: "error", text: await errorMessageOf(response, "The captions could not be uploaded") });
      const { track, replaced } = (await response.json()) as { track: CaptionTrackView; replaced: boolean };
      setMessage({ tone: "success", text: `${replaced ? "Replaced" : "Added"} ${track.label} captions (${track.cueCount} cues)` });
      await onChanged();
    } catch {
      setMessage({ tone: "error", text: "The captions could not be uploaded: network error" });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (track: CaptionTrackView) => {
    setMessage(null);
    const response = await fetch(`${base}/${track.id}`, { method: "DELETE" });
    if (!response.ok) setMessage({ tone: "error", text: await errorMessageOf(response, "The captions could not be removed") });
    else await onChanged();
  };

  return (
    <section
      aria-labelledby={`${id}-heading`}
      data-testid="captions-manager"
      className="space-y-3 rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div>
        <h2 id={`${id}-heading`} className="font-semibold">
          Captions
        </h2>
        <p className="text-xs text-zinc-500">WebVTT files (.vtt), timed from the start of the recording. Viewers turn them on with CC.</p>
      </div>
      {tracks.length ? (
        <ul aria-label="Captions tracks" className="space-y-1 text-sm">
          {tracks.map((track) => (
            <li key={track.id} className="flex items-center justify-between gap-2">
              <span>
                {track.label}{" "}
                <span className="text-zinc-500">
                  ({track.language}, {track.cueCount} cues)
                </span>
              </span>
              <Button type="button" size="sm" variant="ghost" onClick={() => void remove(track)} aria-label={`Remove ${track.label} captions`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={upload} className="space-y-2" aria-label="Upload captions">
        <div className="grid gap-2 sm:grid-cols-[minmax(0,1fr)_6rem_10rem]">
          <div className="space-y-1">
            <label htmlFor={`${id}-file`} className="block text-xs font-medium">
              Captions file (WebVTT)
            </label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".vtt,text/vtt"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              className="block w-full text-sm"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-language`} className="block text-xs font-medium">
              Language
            </label>
            <input
              id={`${id}-language`}
              value={language}
              onChange={(e) => setLanguage(e.currentTarget.value)}
              className={inputClass}
              maxLength={35}
              placeholder="en"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-label`} className="block text-xs font-medium">
              Label
            </label>
            <input
              id={`${id}-label`}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              className={inputClass}
              maxLength={60}
              placeholder="English"
            />
          </div>
        </div>
        <Button type="submit" size="sm" variant="secondary" disabled={busy}>
          {busy ? "Uploading…" : "Upload captions"}
        </Button>
      </form>
      {message ? (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`text-xs ${message.tone === "error" ? "text-red-600 dark:text-red-400" : "text-emerald-700 dark:text-emerald-300"}`}
        >
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
