import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../scripts/free-port";

export const S3_TEST_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * A real S3-protocol server on loopback (s3rver) in its own process, so a test can take the store
 * away (SIGKILL: connections drop as they would) and bring it back on the same port and directory.
 */
export async function startS3Server(options: { bucket: string }) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plenary-s3-"));
  const script = `
    const S3rver = require("s3rver");
    new S3rver({ port: ${port}, address: "127.0.0.1", directory: ${JSON.stringify(dir)}, silent: true,
      configureBuckets: [{ name: ${JSON.stringify(options.bucket)} }] })
      .run().then(() => console.log("ready"), (e) => { console.error(e); process.exit(1); });
  `;
  let child: ChildProcess | null = null;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"], cwd: process.cwd() });
      let stderr = "";
      started.stderr!.on("data", (d) => (stderr += d));
      started.stdout!.on("data", (d) => String(d).includes("ready") && resolve());
      started.on("exit", (code) => reject(new Error(`s3rver exited (${code}): ${stderr}`)));
      child = started;
    });
  await start();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dir,
    /** The store goes away at once, like a crashed or unreachable server. */
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGKILL");
      await exited;
    },
    start,
    async close() {
      await this.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
