import type { ChildProcess } from "node:child_process";

export type Supervised = {
  /** The child running now (replaced on each restart). */
  readonly current: ChildProcess;
  /** Stops restarting and ends the child (SIGTERM); resolves once it exited. */
  stop: () => Promise<void>;
};

/**
 * Keeps one child process of `npm start` running: a crash (e.g. the realtime server) restarts it
 * with a message instead of stopping the whole app. A child that keeps crashing soon after each
 * start is given up on (`onGiveUp`), so a broken setup still stops with its error on screen.
 */
export function superviseChild(options: {
  name: string;
  start: () => ChildProcess;
  log: (line: string) => void;
  onGiveUp: (code: number | null) => void;
  /** Restarts allowed within `windowMs` before giving up. */
  maxRestarts?: number;
  windowMs?: number;
  delayMs?: number;
}): Supervised {
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const delayMs = options.delayMs ?? 1000;
  const restarts: number[] = [];
  let stopped = false;
  let current: ChildProcess;

  const launch = () => {
    const child = options.start();
    current = child;
    child.once("exit", (code, signal) => {
      if (stopped) return;
      const now = Date.now();
      while (restarts.length && restarts[0]! < now - windowMs) restarts.shift();
      const how = signal ? `was killed (${signal})` : `exited (${code})`;
      if (restarts.length >= maxRestarts) {
        options.log(`${options.name} ${how} ${restarts.length + 1} times within ${Math.round(windowMs / 1000)}s; stopping`);
        options.onGiveUp(code ?? 1);
        return;
      }
      restarts.push(now);
      options.log(`${options.name} ${how}; restarting it in ${delayMs / 1000}s (the rest keeps running)`);
      setTimeout(() => {
        if (!stopped) launch();
      }, delayMs);
    });
  };
  launch();

  return {
    get current() {
      return current;
    },
    stop: async () => {
      stopped = true;
      const child = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
