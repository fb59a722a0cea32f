import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The folder boundaries in eslint.config.mjs, run through ESLint's own API on code that exists
// only in memory, under file paths that place it in lib/, app/ or server/. The imports name real
// files, because the rules resolve them before judging.
const root = path.resolve(import.meta.dirname, "../..");
const BOUNDARY_RULES = new Set(["import/no-restricted-paths", "plenary/no-prisma-in-client"]);
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function boundaryErrors(file: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, "the snippet parses").toEqual([]);
  return result!.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));
}

describe("lib/ imports neither app/ nor server/", () => {
  it("fails on lib/ importing app/ through the @/ alias", async () => {
    const errors = await boundaryErrors(
      "lib/schedule/boundary-probe.ts",
      `import { Button } from "@/app/_components/ui/button";\nexport const b = Button;\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["import/no-restricted-paths"]);
    expect(errors[0]!.message).toContain("lib/ is the domain");
  });

  it("fails on lib/ importing server/ through a relative path and through import()", async () => {
    const errors = await boundaryErrors(
      "lib/chat/boundary-probe.ts",
      `import { createDispatcher } from "../../server/socket/dispatch";\nexport const h = createDispatcher;\nexport const later = () => import("@/server/modules");\n`,
    );
    expect(errors.map((e) => [e.ruleId, e.line])).toEqual([
      ["import/no-restricted-paths", 1],
      ["import/no-restricted-paths", 3],
    ]);
  });

  it("lets lib/ import lib/, and server/ import lib/", async () => {
    expect(await boundaryErrors("lib/chat/boundary-probe.ts", `import { prisma } from "@/lib/db/client";\nexport const db = prisma;\n`)).toEqual([]);
    expect(
      await boundaryErrors("server/audience/boundary-probe.ts", `import { prisma } from "@/lib/db/client";\nexport const db = prisma;\n`),
    ).toEqual([]);
  });
});

describe("app/ does not import server/", () => {
  it("fails on a route handler importing the realtime process", async () => {
    const errors = await boundaryErrors(
      "app/api/boundary-probe/route.ts",
      `import { createDispatcher } from "@/server/socket/dispatch";\nexport const h = createDispatcher;\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["import/no-restricted-paths"]);
    expect(errors[0]!.message).toContain("share code through lib/");
  });
});

describe("client code does not import the Prisma client", () => {
  it('fails on a "use client" file importing lib/db directly', async () => {
    const errors = await boundaryErrors(
      "app/talks/boundary-probe.tsx",
      `"use client";\nimport { prisma } from "@/lib/db/client";\nexport const db = prisma;\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["plenary/no-prisma-in-client"]);
    expect(errors[0]!.message).toContain("lib/db/client.ts");
  });

  it('fails on a "use client" file importing a lib/ service that queries the database, naming the chain', async () => {
    const errors = await boundaryErrors(
      "app/talks/boundary-probe.tsx",
      `"use client";\nimport { getSchedule } from "@/lib/schedule/get-schedule";\nexport const s = getSchedule;\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["plenary/no-prisma-in-client"]);
    expect(errors[0]!.message).toContain("lib/schedule/get-schedule.ts → ");
  });

  it("fails on pg and on a dynamic import() of lib/db in client code", async () => {
    const errors = await boundaryErrors(
      "app/talks/boundary-probe.tsx",
      `"use client";\nimport pg from "pg";\nexport const p = pg;\nexport const later = () => import("@/lib/db/client");\n`,
    );
    expect(errors.map((e) => [e.ruleId, e.line])).toEqual([
      ["plenary/no-prisma-in-client", 2],
      ["plenary/no-prisma-in-client", 4],
    ]);
  });

  it("fails on any file under app/_components, with or without the directive", async () => {
    const errors = await boundaryErrors(
      "app/_components/schedule/boundary-probe.tsx",
      `import { prisma } from "@/lib/db/client";\nexport const db = prisma;\n`,
    );
    expect(errors.map((e) => e.ruleId)).toEqual(["plenary/no-prisma-in-client"]);
  });

  it("allows type-only imports, and modules that only take types from lib/db, in client code", async () => {
    // get-schedule.ts queries the database; editor-talk.ts imports only types from lib/db.
    const code = [
      `"use client";`,
      `import type { TalkCard } from "@/lib/schedule/get-schedule";`,
      `import { type ScheduleDay } from "@/lib/schedule/get-schedule";`,
      `import { toEditorTalk } from "@/lib/schedule-editor/editor-talk";`,
      `import { SendMessageInput } from "@/lib/chat/schemas";`,
      `export type Both = TalkCard | ScheduleDay;`,
      `export const values = [toEditorTalk, SendMessageInput];`,
      ``,
    ].join("\n");
    expect(await boundaryErrors("app/talks/boundary-probe.tsx", code)).toEqual([]);
  });

  it("allows a server component (no directive, outside app/_components) to import lib/db", async () => {
    expect(await boundaryErrors("app/talks/boundary-probe.tsx", `import { prisma } from "@/lib/db/client";\nexport const db = prisma;\n`)).toEqual(
      [],
    );
  });
});
