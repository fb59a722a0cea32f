import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../db/embedded-postgres";
import { findNginx } from "../ensure-tools";

/**
 * deploy/nginx.conf, run on this machine: the same server block (media micro-cache, token check,
 * segments from the media directory) with the compose names swapped for loopback ports and paths.
 * For the media delivery test and `npm run bench:viewers`, so both exercise the documented config.
 */
export async function startLocalNginx(options: {
  port: number;
  realtimePorts: number[];
  webPort?: number;
  mediaDir: string;
  /** Also serve mediaDir as plain static files on this port (the benchmark's yardstick). */
  staticPort?: number;
}): Promise<{ url: string; staticUrl: string | null; dir: string; stop: () => Promise<void>; errorLog: () => string }> {
  const nginx = findNginx();
  if (!nginx) throw new Error("nginx is not installed (apt-get install nginx, or npx tsx scripts/ensure-tools.ts)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-nginx-"));
  const mediaDir = path.resolve(options.mediaDir);
  let site = fs.readFileSync(path.join(projectRoot, "deploy/nginx.conf"), "utf8");
  site = site
    .replace(/upstream plenary_web \{[^}]*\}/, `upstream plenary_web {\n  server 127.0.0.1:${options.webPort ?? 9};\n}`)
    // The node list (whatever the balancing line above it), replaced by ours.
    .replace(/(upstream plenary_realtime \{[^}]*?)(\n\s*server [^}]*)\}/, (_all, head: string) => {
      return `${head}\n${options.realtimePorts.map((p) => `  server 127.0.0.1:${p};`).join("\n")}\n}`;
    })
    .replace(/listen 80;/, `listen 127.0.0.1:${options.port};`)
    .replaceAll("/var/cache/nginx/", `${dir}/cache/`)
    .replaceAll("alias /data/media/", `alias ${mediaDir}/`);
  if (!site.includes(`127.0.0.1:${options.port}`) || !site.includes(mediaDir) || /server realtime-/.test(site))
    throw new Error("deploy/nginx.conf no longer has the expected shape");
  if (options.staticPort) {
    site += `
server {
  listen 127.0.0.1:${options.staticPort};
  root ${mediaDir};
  types {
    application/vnd.apple.mpegurl m3u8;
    video/mp2t ts;
  }
}
`;
  }
  fs.mkdirSync(path.join(dir, "cache"));
  fs.writeFileSync(path.join(dir, "site.conf"), site);
  // One worker: the yardstick (static files) and the production path share it, so they compare.
  const main = `
${process.getuid?.() === 0 ? "user root;" : ""}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`;
  fs.writeFileSync(path.join(dir, "nginx.conf"), main);
  const child: ChildProcess = spawn(nginx, ["-c", path.join(dir, "nginx.conf"), "-p", dir, "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${stderr}`);
    const up = await fetch(`${url}/media/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    staticUrl: options.staticPort ? `http://127.0.0.1:${options.staticPort}` : null,
    dir,
    errorLog: () => fs.readFileSync(path.join(dir, "error.log"), "utf8"),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
