import { z } from "zod";

// Runs in the browser before any of the app's modules (Next.js instrumentation-client). Pages run
// under a Content-Security-Policy without 'unsafe-eval' (proxy.ts); zod compiles fast parsers with
// `new Function` when it may and finds out by trying, which the browser refuses and reports as a
// violation. Schemas built after this line parse without compiling.
z.config({ jitless: true });
