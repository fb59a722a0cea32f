import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/config/env";

export type { Logger };

const LEVEL_NAMES: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
const OMITTED = new Set(["level", "time", "msg", "pid", "hostname", "err"]);

/**
 * One line a person can read (`npm start`): time, level, message, the context fields, and an
 * error's stack. Written synchronously, like pino's JSON, so a crash loses no line.
 */
export function prettyDestination(write: (text: string) => void = (text) => process.stdout.write(text)): DestinationStream {
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        write(line);
        return;
      }
      const time = new Date(Number(entry.time)).toISOString().slice(11, 23);
      const level = LEVEL_NAMES[Number(entry.level)] ?? String(entry.level);
      const fields = Object.entries(entry)
        .filter(([key]) => !OMITTED.has(key))
        .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
        .join(" ");
      const err = entry.err as { stack?: string; message?: string } | undefined;
      const stack = err ? `\n${err.stack ?? err.message ?? ""}` : "";
      write(`${time} ${level.padEnd(5)} ${entry.msg ?? ""}${fields ? ` ${fields}` : ""}${stack}\n`);
    },
  };
}

/**
 * The process's logger: JSON lines (LOG_FORMAT=json, the default; a collector reads them) or pretty
 * lines. Context travels as child loggers: `logger.child({ socketId })`, `{ requestId }`.
 */
export function createLogger(options: { format?: "json" | "pretty"; level?: string; destination?: DestinationStream } = {}): Logger {
  const format = options.format ?? env.LOG_FORMAT;
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL,
      // Errors logged as { err } keep their stack and code.
      serializers: { err: pino.stdSerializers.err },
      base: { pid: process.pid },
    },
    options.destination ?? (format === "pretty" ? prettyDestination() : pino.destination({ sync: true })),
  );
}

// One per process (Next.js dev reloads modules: keep it on globalThis).
const globalForLogger = globalThis as unknown as { plenaryLogger?: Logger };
export const logger: Logger = (globalForLogger.plenaryLogger ??= createLogger());
