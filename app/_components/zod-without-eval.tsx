"use client";
import { z } from "zod";

// Pages run under a Content-Security-Policy without 'unsafe-eval' (proxy.ts). zod compiles fast
// parsers with `new Function` when it may, and finds out by trying: the browser refuses and
// reports a violation each time. In the browser it parses without compiling, from the start.
z.config({ jitless: true });

/** Rendered once by the root layout so this module runs before any form parses. */
export function ZodWithoutEval() {
  return null;
}
