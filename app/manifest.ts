import type { MetadataRoute } from "next";
import { getCurrentConferenceOrThrow } from "@/lib/conference/get-current-conference";

// Served at /manifest.webmanifest (Next links it from every page): "Add to home screen" opens the
// conference in its own window, under its name. Icons: scripts/generate-icons.ts.
export const dynamic = "force-dynamic";

export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const conference = await getCurrentConferenceOrThrow();
  return {
    name: conference.name,
    short_name: conference.name.length > 12 ? "Plenary" : conference.name,
    description: conference.tagline || conference.description,
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
