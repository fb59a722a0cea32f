#!/usr/bin/env node
// `npm run build:server`: the realtime server and the demo seed compiled to plain JavaScript, so
// the image runs them with `node` (no tsx at run time). esbuild bundles our own code ("@/..." is
// resolved through tsconfig's paths) and leaves every npm package as an import of node_modules.
//   node scripts/build/build-server.mjs [--outdir dist]
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const flag = process.argv.indexOf("--outdir");
const outdir = path.resolve(root, flag >= 0 ? process.argv[flag + 1] : "dist");

await build({
  absWorkingDir: root,
  entryPoints: ["server/main.ts", "prisma/seed.ts"],
  outdir,
  outbase: ".",
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  tsconfig: "tsconfig.json",
  sourcemap: true,
  logLevel: "warning",
});
console.log(`[build:server] ${path.relative(root, outdir) || "."}/server/main.js, ${path.relative(root, outdir) || "."}/prisma/seed.js`);
