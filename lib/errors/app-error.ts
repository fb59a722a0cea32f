import { ZodError } from "zod";

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

export function toErrorBody(error: unknown): ErrorBody {
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
  if (isInvalidTextForDatabase(error)) {
    // Defense in depth: the schemas refuse NUL (lib/validation/text.ts); a field they missed is still the sender's fault.
    return { code: "INVALID_INPUT", message: "The request contains characters that cannot be stored (a NUL character or invalid UTF-8)" };
  }
  console.error(error);
  return { code: "INTERNAL", message: "Something went wrong on our side" };
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
export function toErrorAck(error: unknown): { ok: false; error: ErrorBody } {
  return { ok: false, error: toErrorBody(error) };
}

export function notFound(what: string): AppError {
  return new AppError("NOT_FOUND", `${what} not found`);
}
