import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { PlenarySocket } from "./types";
import { logger } from "@/lib/logging/logger";

export type SessionWatchOptions = {
  /** How often this node checks that the sessions of its sockets still exist and have not expired (ms). */
  sweepIntervalMs: number;
  /** How long one "this session is live" answer is trusted before an event has it checked again (ms). */
  checkTtlMs: number;
};

/**
 * Keeps every signed-in socket tied to the session it connected with: a socket speaks for its
 * session, so it must not outlive it. Three ways a session's end reaches its sockets, fastest
 * first: the `session:ended` domain event (better-auth's delete hook, lib/auth/auth.ts); the check
 * before each event (one query per session per `checkTtlMs`: only a socket's first event waits for
 * it, later ones are answered from the last check while the next one runs, so a busy chat is
 * neither slowed nor reordered); and a periodic sweep for sessions that expired or were deleted
 * behind better-auth's back. An ended session's sockets are disconnected: the browser reconnects with
 * whatever cookie it has now (anonymous, or the account signed in since).
 */
export class SessionWatch {
  private readonly bySession = new Map<string, Set<PlenarySocket>>();
  /** The last check of each tracked session: its answer, when it was asked, and one in flight. */
  private readonly checks = new Map<string, { live: boolean; at: number; pending: Promise<boolean> | null }>();
  private timer: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(private readonly options: SessionWatchOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  track(socket: PlenarySocket): void {
    const id = socket.data.sessionId;
    if (!id) return;
    const sockets = this.bySession.get(id) ?? new Set<PlenarySocket>();
    sockets.add(socket);
    this.bySession.set(id, sockets);
  }

  untrack(socket: PlenarySocket): void {
    const id = socket.data.sessionId;
    const sockets = id ? this.bySession.get(id) : undefined;
    if (!id || !sockets) return;
    sockets.delete(socket);
    if (sockets.size > 0) return;
    this.bySession.delete(id);
    this.checks.delete(id);
  }

  /** Drops this node's sockets of a session that ended. */
  endSession(sessionId: string): void {
    this.checks.delete(sessionId);
    for (const socket of this.bySession.get(sessionId) ?? []) socket.disconnect(true);
    this.bySession.delete(sessionId);
  }

  /**
   * Drops this node's sockets of an account whose rights shrank (a revoked ticket). Rights are only
   * lost here, and a reconnect re-runs every check (handshake, talk and chat joins), instead of
   * working out which rooms (talk, hallway, moderators, polls) the lost right implied.
   */
  dropAccount(userId: string): void {
    for (const sockets of this.bySession.values()) {
      for (const socket of sockets) if (socket.data.user?.id === userId) socket.disconnect(true);
    }
  }

  /** Before an event from a signed-in socket: refuses it (and drops the socket) if its session ended. */
  async assertLive(socket: PlenarySocket): Promise<void> {
    const id = socket.data.sessionId;
    if (!id) return;
    const last = this.checks.get(id);
    let live: boolean;
    if (last && last.at > 0) {
      live = last.live;
      this.refreshIfOld(id, last);
    } else {
      // Never answered yet: wait (events that come meanwhile wait for the same query, in order).
      live = await this.check(id);
    }
    if (live) return;
    // After the error ack has gone out.
    setImmediate(() => this.endSession(id));
    throw new AppError("UNAUTHENTICATED", "Your session has ended: sign in again");
  }

  private refreshIfOld(id: string, last: { at: number; pending: Promise<boolean> | null }): void {
    if (last.pending || Date.now() - last.at < this.options.checkTtlMs) return;
    void this.check(id).then(
      (live) => live || this.endSession(id),
      () => {},
    );
  }

  private check(id: string): Promise<boolean> {
    const last = this.checks.get(id);
    if (last?.pending) return last.pending;
    const pending = prisma.session
      .findFirst({ where: { id, expiresAt: { gt: new Date() } }, select: { id: true } })
      .then((found) => {
        const live = found !== null;
        if (this.bySession.has(id)) this.checks.set(id, { live, at: Date.now(), pending: null });
        return live;
      })
      .catch((error: Error) => {
        // The database is unreachable: keep the last answer rather than refuse everyone.
        const entry = this.checks.get(id);
        if (entry) entry.pending = null;
        throw error;
      });
    this.checks.set(id, { live: last?.live ?? true, at: last?.at ?? 0, pending });
    return pending;
  }

  async sweep(): Promise<void> {
    if (this.sweeping || this.bySession.size === 0) return;
    this.sweeping = true;
    try {
      const ids = [...this.bySession.keys()];
      for (let i = 0; i < ids.length; i += 1000) {
        const batch = ids.slice(i, i + 1000);
        const found = await prisma.session.findMany({ where: { id: { in: batch }, expiresAt: { gt: new Date() } }, select: { id: true } });
        const live = new Set(found.map((s) => s.id));
        for (const id of batch) if (!live.has(id)) this.endSession(id);
      }
    } catch (error) {
      logger.error({ detail: (error as Error).message }, "session sweep failed");
    } finally {
      this.sweeping = false;
    }
  }
}
