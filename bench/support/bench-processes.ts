import { fork, type ChildProcess } from "node:child_process";

/** What a bench process and its children say to each other over IPC. */
export type Msg = { cmd: string; [k: string]: any };

/** Forks `script` in the role `name` (tsx) and waits for its {cmd:"ready"}. */
export function spawnBenchRole(
  script: string,
  name: string,
  env: NodeJS.ProcessEnv,
  execArgv: string[] = [],
  stdout: "inherit" | "ignore" = "ignore",
): Promise<{ child: ChildProcess; ready: Msg }> {
  const child = fork(script, [name], { env, execArgv: ["--import", "tsx", ...execArgv], stdio: ["ignore", stdout, "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (m: Msg) => (m.cmd === "ready" ? resolve({ child, ready: m }) : reject(new Error(`unexpected ${m.cmd}`))));
    child.once("exit", (code) => reject(new Error(`${name} exited (${code})`)));
  });
}

/** Sends a command to a child and waits for the reply named `reply`. */
export function request<T = Msg>(child: ChildProcess, message: Msg, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Msg) => {
      if (m.cmd !== reply) return;
      child.off("message", on);
      resolve(m as T);
    };
    child.on("message", on);
    child.send(message);
  });
}

/** The latency (ms) under which a share `p` of the `total` deliveries in a histogram {ms -> count} arrived. */
export function percentile(hist: Map<number, number>, total: number, p: number): number {
  let seen = 0;
  const target = Math.ceil(total * p);
  for (const ms of [...hist.keys()].sort((a, b) => a - b)) {
    seen += hist.get(ms)!;
    if (seen >= target) return ms;
  }
  return NaN;
}
