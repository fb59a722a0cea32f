"use client";
import { useCallback, useEffect, useState } from "react";
import { Button } from "../ui/button";
import { CopyField } from "../ui/copy-field";
import { useRealtime } from "../realtime/use-realtime";
import { request } from "../realtime/request";

/**
 * OBS settings for a talk (organizers and the talk's speakers): server URL and secret stream key,
 * with rotation. Usable on the talk page (inside the studio) and in the admin.
 */
export function StreamKeyPanel({ talkId, realtimeUrl }: { talkId: string; realtimeUrl: string }) {
  const { socket, connected } = useRealtime(realtimeUrl);
  const [key, setKey] = useState<{ streamKey: string; rtmpUrl: string | null } | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!socket || !connected) return;
    void request(socket, "media:stream-key", { talkId }, { noAnswer: "Could not load the stream key" }).then((ack) =>
      ack.ok ? setKey({ streamKey: ack.streamKey, rtmpUrl: ack.rtmpUrl }) : setMessage(ack.error.message),
    );
  }, [socket, connected, talkId]);

  const rotate = useCallback(async () => {
    if (!socket) return;
    if (!window.confirm("Rotate the stream key? Encoders using the old key are disconnected and must use the new one.")) return;
    setBusy(true);
    const ack = await request(socket, "media:stream-key:rotate", { talkId }, { noAnswer: "The server did not answer" });
    setBusy(false);
    if (ack.ok) {
      setKey({ streamKey: ack.streamKey, rtmpUrl: ack.rtmpUrl });
      setMessage("New stream key created; the old one no longer works.");
    } else setMessage(ack.error.message);
  }, [socket, talkId]);

  return (
    <section aria-label="Stream from OBS" className="space-y-2">
      <h3 className="font-medium">Stream from OBS</h3>
      {key && !key.rtmpUrl ? (
        <p className="text-sm">RTMP is off on this server, so OBS cannot stream here: go live from the browser or upload a recording.</p>
      ) : (
        <p className="text-xs text-zinc-500">In OBS: Settings → Stream → Service “Custom…”. Keyframe interval 1 s, H.264 + AAC.</p>
      )}
      {key?.rtmpUrl ? (
        <>
          <CopyField label="Server" value={key.rtmpUrl} />
          {shown ? (
            <CopyField label="Stream key" value={key.streamKey} />
          ) : (
            <p className="text-sm">
              Stream key: <span aria-label="hidden">••••••••••••</span>
            </p>
          )}
          <div className="flex gap-2">
            {!shown ? (
              <Button
                type="button"
                variant="secondary"
                size="sm"
                onClick={() =>
                  void navigator.clipboard?.writeText(key.streamKey).then(
                    () => setMessage("Stream key copied"),
                    () => setShown(true),
                  )
                }
              >
                Copy key
              </Button>
            ) : null}
            <Button type="button" variant="ghost" size="sm" onClick={() => setShown((v) => !v)} aria-pressed={shown}>
              {shown ? "Hide key" : "Show key"}
            </Button>
            <Button type="button" variant="secondary" size="sm" onClick={rotate} disabled={busy}>
              Rotate key
            </Button>
          </div>
        </>
      ) : null}
      <p aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {message}
      </p>
    </section>
  );
}
