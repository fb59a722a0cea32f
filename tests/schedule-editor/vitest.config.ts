import { defineConfig } from "vitest/config";
import base from "../../vitest.config.ts";

// The project config on a database of its own (plenary_test_schedule), so a schedule editor or
// import test run never drops the shared plenary_test under another run. Use:
//   npx vitest run --config tests/schedule-editor/vitest.config.ts
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/schedule-editor/**/*.test.ts", "tests/import/**/*.test.ts"],
    globalSetup: ["tests/schedule-editor/global-setup.ts"],
  },
});
