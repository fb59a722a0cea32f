/**
 * Whether `npm start` must run `next build` again: a hash of the checkout's source files by content.
 *
 * `next build` reads far more than app/ and lib/ (a root proxy.ts or instrumentation.ts, any config
 * file, public/, .env files), so no hand-kept list of folders can be trusted to name it all. The
 * files come from git's own view of the tree — tracked plus untracked-but-not-ignored — and, where
 * the checkout is no git work tree (a tarball), from walking it minus what .gitignore names.
 * Erring on the side of hashing too much only costs a rebuild; hashing too little serves stale code.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Folders that only hold tests and benchmarks: `next build` never reads them, and an edit to an
 *  e2e spec must not cost every following e2e run a multi-minute rebuild. */
const NEVER_BUILT = ["e2e/", "tests/", "bench/"];

/** Ignored by git but read by `next build` (environment files, inlined NEXT_PUBLIC_ values). */
const ENV_FILE = /^\.env(\..+)?$/;

/** Never sources, even in a tree without a .gitignore. */
const ALWAYS_IGNORED = [".git/", "node_modules/", ".next/", ".data/"];

export type BuildFingerprint = { hash: string; files: string[]; source: "git" | "walk" };

export function computeBuildFingerprint({ root, env = process.env }: { root: string; env?: Record<string, string | undefined> }): BuildFingerprint {
  const listed = listFromGit(root);
  const source = listed ? "git" : "walk";
  const files = [...new Set([...(listed ?? listByWalking(root)), ...listEnvFiles(root)])]
    .filter((file) => !NEVER_BUILT.some((folder) => file.startsWith(folder)))
    .sort();

  const hash = createHash("sha256");
  const included: string[] = [];
  for (const file of files) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(root, file));
    } catch {
      continue; // tracked but deleted in the work tree, or a dangling link: not part of the build
    }
    included.push(file);
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  for (const name of Object.keys(env)
    .filter((k) => k.startsWith("NEXT_PUBLIC_"))
    .sort()) {
    hash.update(`env:${name}=${env[name]}\0`);
  }
  return { hash: hash.digest("hex"), files: included, source };
}

/** Paths relative to root, or null when root is not inside a git work tree (or git is missing). */
function listFromGit(root: string): string[] | null {
  const result = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "buffer",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error || result.status !== 0) return null;
  return result.stdout.toString("utf8").split("\0").filter(Boolean);
}

function listEnvFiles(root: string): string[] {
  return fs.readdirSync(root).filter((name) => ENV_FILE.test(name) && fs.statSync(path.join(root, name)).isFile());
}

function listByWalking(root: string): string[] {
  const ignored = parseGitignore(root);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory();
      if (ignored(relative, isDir)) continue;
      if (isDir) walk(relative);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(relative);
    }
  };
  walk("");
  return files;
}

/**
 * The common subset of .gitignore, enough for a project's own root file: comments, `!` negation,
 * a trailing `/` for folders only, a leading or inner `/` to anchor at the root, `*`, `?` and `**`.
 */
function parseGitignore(root: string): (relative: string, isDir: boolean) => boolean {
  const file = path.join(root, ".gitignore");
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split(/\r?\n/) : [];
  const rules = [...ALWAYS_IGNORED, ...lines]
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const negated = line.startsWith("!");
      let pattern = negated ? line.slice(1) : line;
      const dirOnly = pattern.endsWith("/");
      if (dirOnly) pattern = pattern.slice(0, -1);
      const anchored = pattern.includes("/");
      if (pattern.startsWith("/")) pattern = pattern.slice(1);
      return { negated, dirOnly, anchored, regex: globToRegex(pattern) };
    });
  return (relative, isDir) => {
    let ignored = false;
    const name = relative.slice(relative.lastIndexOf("/") + 1);
    for (const rule of rules) {
      if (rule.dirOnly && !isDir) continue;
      if (rule.regex.test(rule.anchored ? relative : name)) ignored = !rule.negated;
    }
    return ignored;
  };
}

function globToRegex(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      source += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else source += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
