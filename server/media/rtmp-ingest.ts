import { env } from "@/lib/config/env";
import { startRtmpListener, type RtmpListener } from "./ingest/rtmp-listener";

export type RtmpIngest = RtmpListener;

/** The OBS/RTMP listener on `port`, by default RTMP_PORT (0 turns it off). */
export async function startRtmpIngest(options: { port?: number }): Promise<RtmpIngest | null> {
  const configured = options.port ?? env.RTMP_PORT;
  if (!configured) return null;
  try {
    return await startRtmpListener({ port: configured });
  } catch (error) {
    // A busy port must not take chat and browser publishing down with it.
    console.error(`RTMP ingest disabled: cannot listen on port ${configured}: ${(error as Error).message}`);
    return null;
  }
}
