import type { MetadataRoute } from "next";
import { findDefaultConference } from "@/lib/conference/find-default-conference";

// Served at /manifest.webmanifest (Next links it from every page): "Add to home screen" opens the
// instance in its own window, under the default conference's name (or Plenary's). Icons: scripts/generate-icons.ts.
export const dynamic = "force-dynamic";

export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const conference = await findDefaultConference();
  const name = conference?.name ?? "Plenary";
  return {
    name,
    short_name: name.length > 12 ? "Plenary" : name,
    description: conference ? conference.tagline || conference.description : "Conferences online",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#fafafa",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
    ],
  };
}
