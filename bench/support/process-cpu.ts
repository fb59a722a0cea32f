import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

// CPU time of groups of processes from /proc (Linux), to say who used the cores during a phase:
// the servers being measured, the proxy, the database, or the load generator itself.

const TICKS_PER_SECOND = 100;

function cpuSecondsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0; // gone meanwhile
  }
}

/** The pids of every process whose command line matches (pgrep -f). */
export function pidsMatching(pattern: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", pattern], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export type CpuGroups = Record<string, () => number[]>;

/** Starts counting; `stop()` answers each group's share of one core over the interval (1 = a whole core). */
export function startCpuCount(groups: CpuGroups) {
  const startedAt = performance.now();
  const before = new Map<number, number>();
  const seen = Object.fromEntries(Object.entries(groups).map(([name, pids]) => [name, pids()]));
  for (const list of Object.values(seen)) for (const pid of list) before.set(pid, cpuSecondsOf(pid));
  return {
    stop(): Record<string, number> {
      const seconds = (performance.now() - startedAt) / 1000;
      const out: Record<string, number> = {};
      for (const [name, pids] of Object.entries(groups)) {
        // Processes present at the start (their CPU since then) and ones started meanwhile (all of theirs).
        const now = new Set([...seen[name]!, ...pids()]);
        let used = 0;
        // A process that exited meanwhile (a database connection closed) reads 0: its share is
        // lost rather than subtracted.
        for (const pid of now) used += Math.max(0, cpuSecondsOf(pid) - (before.get(pid) ?? 0));
        out[name] = Math.round((used / seconds) * 100) / 100;
      }
      return out;
    },
  };
}
