// Types for run.mjs (plain JS so it runs without a build step).
import type { StdioOptions } from "node:child_process";

export declare const projectRoot: string;
export declare const shimPath: string;
/** Executable that runs the offline schema engine (the shim, or a launcher in the temp dir). */
export declare function shimExecutable(): string;
/** Load <project>/.env into process.env; existing variables win. */
export declare function loadDotEnv(file?: string): void;
/** The environment the Prisma CLI should run with (offline engine + no update checks). */
export declare function prismaEnv(base?: Record<string, string | undefined>): Record<string, string | undefined>;
export declare function prismaCliPath(): string;
/** Run the Prisma CLI; resolves with its exit code. */
export declare function runPrisma(
  args: string[],
  opts?: { env?: Record<string, string | undefined>; cwd?: string; stdio?: StdioOptions },
): Promise<number>;
