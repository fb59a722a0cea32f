import os from "node:os";
import { env } from "@/lib/config/env";
import type { Rendition } from "./hls-playlist";

/** One output of the segmenter: the main picture (copied or encoded) or a lower rendition. */
export type RenditionSpec = {
  name: string; // "v0", "v1"...: also the folder of its segments and playlist
  height: number;
  videoBitrateK: number;
  audioBitrateK: number;
  copyVideo: boolean;
  preset: "ultrafast" | "superfast" | "veryfast";
};

/** Whether to encode a 360p rendition beside the main one (weak connections keep playing). */
export function lowRenditionEnabled(): boolean {
  const setting = env.MEDIA_LOW_RENDITION;
  if (setting === "on") return true;
  if (setting === "off") return false;
  return os.cpus().length >= 4;
}

/** The outputs of one live or uploaded talk: v0 is the main picture (copied when it is H.264). */
export function chooseRenditions(options: { copyVideo: boolean; lowRendition?: boolean }): RenditionSpec[] {
  const specs: RenditionSpec[] = [
    { name: "v0", height: 720, videoBitrateK: 2500, audioBitrateK: 128, copyVideo: options.copyVideo, preset: "veryfast" },
  ];
  if (options.lowRendition ?? lowRenditionEnabled()) {
    specs.push({ name: "v1", height: 360, videoBitrateK: 700, audioBitrateK: 96, copyVideo: false, preset: "superfast" });
  }
  return specs;
}

export function renditionInfo(spec: RenditionSpec): Rendition {
  const width = Math.round((spec.height * 16) / 9 / 2) * 2;
  return {
    name: spec.name,
    width,
    height: spec.height,
    bandwidth: (spec.videoBitrateK + spec.audioBitrateK) * 1000,
    // CODECS is left out on purpose: a copied browser stream's H.264 profile is not known upfront.
    codecs: "",
  };
}
