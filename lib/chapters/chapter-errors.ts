import { AppError } from "@/lib/errors/app-error";

/** A second chapter at the same second would be two marks in one place: say so, as a field error. */
export function chapterTakenError(offsetSeconds: number): AppError {
  const message = `Another chapter already starts at ${offsetSeconds} s`;
  return new AppError("CONFLICT", message, { fields: { offsetSeconds: [message] } });
}

/** A unique-constraint violation (P2002) from Prisma: two chapters racing for one second. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
