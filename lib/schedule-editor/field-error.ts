import { AppError } from "@/lib/errors/app-error";

/** An INVALID_INPUT error that points at one form field, shaped like a zod error body. */
export function fieldError(field: string, message: string): AppError {
  return new AppError("INVALID_INPUT", message, { fields: { [field]: [message] } });
}

/** A unique-constraint violation (P2002) from Prisma, e.g. two saves racing for one slug. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
