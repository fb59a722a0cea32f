import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

// The project config on a database of its own (plenary_test_chat), so a chat run never drops
// the shared plenary_test under another engineer's run. Use:
//   npx vitest run --config tests/chat/vitest.config.ts
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["tests/chat/**/*.test.ts"], globalSetup: ["tests/chat/global-setup.ts"] },
});
