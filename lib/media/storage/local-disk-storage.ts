import fsp from "node:fs/promises";
import path from "node:path";
import crypto from "node:crypto";
import { isSafeKey, type MediaStorage } from "./media-storage";

/** Media storage on a local directory (env MEDIA_DIR). */
export function localDiskStorage(root: string): MediaStorage {
  const base = path.resolve(root);
  const resolve = (key: string) => {
    if (!isSafeKey(key)) throw new Error(`unsafe media key: ${key}`);
    return path.join(base, ...key.split("/"));
  };

  return {
    async putFile(key, localPath) {
      const target = resolve(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      try {
        await fsp.rename(localPath, target);
      } catch (error) {
        // Work files may sit on another filesystem: copy to a temp name, then rename into place.
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
        const temp = `${target}.${crypto.randomUUID()}.tmp`;
        await fsp.copyFile(localPath, temp);
        await fsp.rename(temp, target);
        await fsp.rm(localPath, { force: true });
      }
    },
    async putText(key, text) {
      const target = resolve(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${crypto.randomUUID()}.tmp`;
      await fsp.writeFile(temp, text);
      await fsp.rename(temp, target);
    },
    async open(key) {
      const file = resolve(key);
      try {
        const handle = await fsp.open(file, "r");
        const stat = await handle.stat();
        if (!stat.isFile()) {
          await handle.close();
          return null;
        }
        return { stream: handle.createReadStream(), size: stat.size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async readText(key) {
      try {
        return await fsp.readFile(resolve(key), "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async removePrefix(prefix) {
      await fsp.rm(resolve(prefix), { recursive: true, force: true });
    },
  };
}
