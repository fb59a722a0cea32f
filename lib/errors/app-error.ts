import { ZodError } from "zod";
import { logger, type Logger } from "@/lib/logging/logger";

// One error type with a closed list of codes, mapped once to HTTP and once to socket acks.
export const ERROR_CODES = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  PAYMENT_REQUIRED: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export type ErrorBody = { code: ErrorCode; message: string; fields?: Record<string, string[]> };

/** Field errors keyed by path ("tickets.0.quantity"), for forms. */
export function formatZodError(error: ZodError): { message: string; fields: Record<string, string[]> } {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (fields[key] ??= []).push(issue.message);
  }
  const first = error.issues[0];
  const where = first && first.path.length ? `${first.path.join(".")}: ` : "";
  return { message: first ? `${where}${first.message}` : "Invalid input", fields };
}

/**
 * The answer for any thrown value. What is not the caller's fault is logged, on `log` when the
 * caller has one with its context (a request id, a socket id).
 */
export function toErrorBody(error: unknown, log: Logger = logger): ErrorBody {
  if (error instanceof AppError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.details && typeof error.details === "object" && "fields" in (error.details as object)) {
      body.fields = (error.details as { fields: Record<string, string[]> }).fields;
    }
    return body;
  }
  if (error instanceof ZodError) {
    const { message, fields } = formatZodError(error);
    return { code: "INVALID_INPUT", message, fields };
  }
  if (isDatabaseUnavailable(error)) {
    log.error({ detail: error instanceof Error ? error.message.split("\n").at(-1) : error }, "database unavailable");
    return { code: "UNAVAILABLE", message: "The service is briefly unavailable (it cannot reach its database); try again in a moment" };
  }
  if (isInvalidTextForDatabase(error)) {
    // Defense in depth: the schemas refuse NUL (lib/validation/text.ts); a field they missed is still the sender's fault.
    return { code: "INVALID_INPUT", message: "The request contains characters that cannot be stored (a NUL character or invalid UTF-8)" };
  }
  log.error({ err: error }, "unexpected error");
  return { code: "INTERNAL", message: "Something went wrong on our side" };
}

// Prisma's codes for "cannot reach / lost the database / no connection free", the driver
// adapter's kinds for the same, and PostgreSQL's own (admin shutdown, cannot connect now, 08xxx).
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** The database is down or unreachable (not a bug: the request may be retried). Duck-typed: lib/errors imports no driver. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as Record<string, unknown> | undefined, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const code = typeof e.code === "string" ? e.code : "";
    if (UNAVAILABLE_PRISMA_CODES.has(code) || /^(57P0[1-3]|08\w{3})$/.test(code) || code === "ECONNREFUSED" || code === "ECONNRESET") return true;
    const adapter = (e.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
    if (adapter?.kind && UNAVAILABLE_ADAPTER_KINDS.has(adapter.kind)) return true;
    if (adapter?.originalCode && /^(57P0[1-3]|08\w{3})$/.test(adapter.originalCode)) return true;
    if (e.name === "DriverAdapterError" && UNAVAILABLE_ADAPTER_KINDS.has((e.cause as { kind?: string } | undefined)?.kind ?? "")) return true;
    if (/Connection terminated|Can't reach database server|Server has closed the connection/.test(String(e.message ?? ""))) return true;
    e = e.cause as Record<string, unknown> | undefined;
  }
  return false;
}

/** PostgreSQL's 22021 (invalid byte sequence, e.g. NUL in text), from node-postgres directly or through Prisma's driver adapter. */
function isInvalidTextForDatabase(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown; originalCode?: unknown } } } } | null;
  if (!e || typeof e !== "object") return false;
  const cause = e.meta?.driverAdapterError?.cause;
  return e.code === "22021" || cause?.code === "22021" || cause?.originalCode === "22021";
}

export function statusOf(body: ErrorBody): number {
  return ERROR_CODES[body.code];
}

/** Socket ack shape for failures. */
export function toErrorAck(error: unknown, log?: Logger): { ok: false; error: ErrorBody } {
  return { ok: false, error: toErrorBody(error, log) };
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}
