import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";

const root = path.resolve(import.meta.dirname, "../../..");

/** Debian's nginx binary, or null when it is not installed (tests that need it skip with a reason). */
export function findNginx(): string | null {
  for (const candidate of ["/usr/sbin/nginx", "/usr/bin/nginx"]) if (fs.existsSync(candidate)) return candidate;
  const r = spawnSync("sh", ["-c", "command -v nginx"], { encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** The main context's process lines: one process, or a master (this child) with workers. */
function processes(workers: number | "auto" | undefined): string {
  if (workers === undefined) return "master_process off;\n";
  // Run by root, workers would switch to `nobody` and could not read our private temp folder.
  const user = process.getuid?.() === 0 ? "user root;\n" : "";
  return `master_process on;\nworker_processes ${workers};\n${user}`;
}

/** `pids()`: the master (or only process) and its workers, for a benchmark's CPU accounting. */
export type RunningNginx = { port: number; pids: () => number[]; stop: () => Promise<void> };

/**
 * deploy/nginx.conf as it is, on loopback: its `server name:port;` upstream entries pointed at
 * `upstreams[name]` and `listen 80` at `port`, inside a minimal main context of our own.
 */
export async function startNginx(options: {
  upstreams: Record<string, number>;
  port: number;
  workerConnections?: number;
  /** The media volume (`/data/media` in compose): nginx serves segments from it. */ mediaDir?: string;
  /**
   * Worker processes as in production ("auto": one per core). Unset, one process does everything
   * (enough for a test; a benchmark of the topology wants production's).
   */
  workerProcesses?: number | "auto";
}): Promise<RunningNginx> {
  const binary = findNginx();
  if (!binary) throw new Error("nginx is not installed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-nginx-"));
  let site = fs.readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
  site = site.replace(/^(\s*server\s+)([\w-]+):\d+([^;]*);/gm, (line, lead: string, name: string, parameters: string) => {
    const port = options.upstreams[name];
    if (!port) throw new Error(`no local port for upstream ${name}`);
    return `${lead}127.0.0.1:${port}${parameters};`;
  });
  site = site.replace(/^(\s*)listen\s+80;/m, `$1listen 127.0.0.1:${options.port};`);
  // Caches of our own, not the system's (several runs at once, no root needed).
  site = site.replaceAll("/var/cache/nginx/", `${path.join(dir, "cache")}/`);
  site = site.replaceAll("alias /data/media/", `alias ${path.resolve(options.mediaDir ?? path.join(dir, "media"))}/`);
  fs.mkdirSync(path.join(dir, "cache"));
  fs.writeFileSync(path.join(dir, "site.conf"), site);
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((name) => `${name}_temp_path ${path.join(dir, name)};`).join("\n  ");
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `daemon off;\n${processes(options.workerProcesses)}pid ${path.join(dir, "nginx.pid")};\nerror_log ${path.join(dir, "error.log")} warn;\n` +
      `worker_rlimit_nofile ${2 * (options.workerConnections ?? 512) + 64};\nevents { worker_connections ${options.workerConnections ?? 512}; }\nhttp {\n  access_log off;\n  ${temp}\n  include ${path.join(dir, "site.conf")};\n}\n`,
  );
  const child: ChildProcess = spawn(binary, ["-p", dir, "-c", path.join(dir, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) {
      const log = path.join(dir, "error.log");
      throw new Error(`nginx exited: ${stderr}${fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""}`);
    }
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(options.port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) break;
    if (attempt > 200) throw new Error("nginx did not listen");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port: options.port,
    pids: () => {
      const workers = spawnSync("pgrep", ["-P", String(child.pid)], { encoding: "utf8" })
        .stdout.split("\n")
        .filter(Boolean)
        .map(Number);
      return [child.pid!, ...workers];
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
