// ESLint: correctness rules (ESLint's, typescript-eslint's and Next.js' recommended sets) and the
// folder boundaries of ARCHITECTURE.md. Formatting is Prettier's job (.prettierrc); no rule here
// is about layout. `npm run lint` runs both.
import js from "@eslint/js";
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import plenary from "./scripts/eslint/no-prisma-in-client.mjs";

const config = [
  { ignores: ["lib/db/generated/**", ".next/**", ".data/**", "dist/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  js.configs.recommended,
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    name: "plenary/rules",
    rules: {
      // `catch {}` is how this code says "a failure here changes nothing" (cleanup, probes).
      "no-empty": ["error", { allowEmptyCatch: true }],
      // `_name` marks a deliberately unused binding; `{ drop: _d, ...rest }` removes a key.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": "error",
      // A React Compiler performance hint (an extra render), not a correctness rule: these effects
      // sync state from outside React (sockets, media devices, fresh server props).
      "react-hooks/set-state-in-effect": "off",
    },
  },
  {
    // Tests and benchmarks read loosely typed socket acks and fixtures; no production path runs them.
    name: "plenary/tests",
    files: ["tests/**", "e2e/**", "bench/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // The layering of ARCHITECTURE.md. import/no-restricted-paths resolves each import (`@/…`
    // through tsconfig paths, relative paths, dynamic import("…")) to a file before comparing,
    // so `../../app/x` and `@/app/x` are caught alike; an import that does not resolve is not.
    name: "plenary/boundaries",
    files: ["**/*.{ts,tsx,mts,mjs}"],
    plugins: { plenary },
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib",
              from: ["./app", "./server"],
              message: "lib/ is the domain shared by app/ and server/ and imports neither (ARCHITECTURE.md).",
            },
            {
              target: "./app",
              from: "./server",
              message: "app/ (the web process) must not import server/ (the realtime process): share code through lib/.",
            },
          ],
        },
      ],
      // "use client" files and app/_components/**: no Prisma client, directly or transitively
      // (what the rule can and cannot see: scripts/eslint/no-prisma-in-client.mjs).
      "plenary/no-prisma-in-client": "error",
    },
  },
];

export default config;
