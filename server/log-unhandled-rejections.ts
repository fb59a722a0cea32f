import { logger } from "@/lib/logging/logger";
/**
 * A promise rejected with no handler is a bug to log, not a reason to take every live talk and
 * chat of this node down: Node's default would exit the process.
 */
export function logUnhandledRejections(): void {
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason }, "unhandled rejection (the realtime server keeps running)");
  });
}
