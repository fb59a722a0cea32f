import { randomBytes } from "node:crypto";

/**
 * A row id in the shape of Prisma's cuid() default ("c" + 24 lowercase letters and digits), for
 * rows written with SQL of our own instead of the Prisma client.
 */
export function newId(): string {
  const bytes = randomBytes(24);
  let id = "c";
  for (const byte of bytes) id += (byte % 36).toString(36);
  return id;
}
