import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");

type EnvironmentValue = string | number | boolean | null;

export type ComposeService = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, EnvironmentValue> | string[];
  env_file?: string | (string | { path: string; required?: boolean })[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
};

export type ComposeFile = { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

/** docker-compose.yml with its YAML anchors and `<<` merges applied, before interpolation. */
export function readComposeFile(): ComposeFile {
  return parse(fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true }) as ComposeFile;
}

/**
 * One value interpolated as compose does it: `$$` is a literal `$`; `$VAR`, `${VAR}`;
 * `${VAR:-default}` (unset or empty) / `${VAR-default}` (unset); `${VAR:?message}` /
 * `${VAR?message}` refuse to start; `${VAR:+other}` / `${VAR+other}`. Defaults may nest.
 */
export function interpolate(value: string, shell: Record<string, string | undefined>): string {
  let out = "";
  let i = 0;
  while (i < value.length) {
    const c = value[i]!;
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    const next = value[i + 1];
    if (next === "$") {
      out += "$";
      i += 2;
      continue;
    }
    if (next === "{") {
      const end = closingBrace(value, i + 2);
      out += expand(value.slice(i + 2, end), shell);
      i = end + 1;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(value.slice(i + 1))?.[0];
    if (!name) throw new Error(`compose refuses "${value}": invalid interpolation format (use $$ for a literal $)`);
    out += shell[name] ?? "";
    i += 1 + name.length;
  }
  return out;
}

function closingBrace(value: string, from: number): number {
  let depth = 1;
  for (let j = from; j < value.length; j++) {
    if (value[j] === "{") depth++;
    else if (value[j] === "}" && --depth === 0) return j;
  }
  throw new Error(`compose refuses "${value}": unclosed \${`);
}

function expand(body: string, shell: Record<string, string | undefined>): string {
  const match = /^([A-Za-z_]\w*)(?:(:?)([-?+])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`compose refuses "\${${body}}": invalid interpolation format`);
  const [, name, colon, op, arg = ""] = match as unknown as [string, string, string, string | undefined, string | undefined];
  const set = shell[name];
  const missing = set === undefined || (colon === ":" && set === "");
  if (op === "-") return missing ? interpolate(arg, shell) : set!;
  if (op === "?") {
    if (missing) throw new Error(`compose refuses to start: required variable ${name} is missing a value: ${arg}`);
    return set!;
  }
  if (op === "+") return missing ? "" : interpolate(arg, shell);
  return set ?? "";
}

/** A `KEY=VALUE` env file as compose reads it: comments and blank lines skipped, quotes removed. */
function readEnvFile(file: string, shell: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, "");
    if (!line || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (eq < 0) {
      if (shell[line] !== undefined) out[line] = shell[line]!;
      continue;
    }
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else if (/^".*"$/.test(value)) value = interpolate(value.slice(1, -1), shell);
    else value = interpolate(value.replace(/\s+#.*$/, ""), shell);
    out[key] = value;
  }
  return out;
}

/** YAML scalars as compose hands them to the process (`true` → "true", `3000` → "3000"). */
function scalar(value: EnvironmentValue): string {
  return typeof value === "string" ? value : String(value);
}

/**
 * Exactly the environment docker compose gives a service's process on top of the image's own
 * (`env_file` first, then `environment`, each interpolated from the operator's shell): empty
 * strings stay empty strings (`${STRIPE_SECRET_KEY:-}` with nothing set is ""), and `KEY:` with
 * no value passes the shell's variable through or leaves it unset.
 */
export function composeEnvironment(service: ComposeService, shell: Record<string, string | undefined>): Record<string, string> {
  const environment: Record<string, string> = {};
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  for (const entry of files) {
    const { path: file, required = true } = typeof entry === "string" ? { path: entry } : entry;
    const full = path.resolve(root, interpolate(file, shell));
    if (!fs.existsSync(full)) {
      if (required) throw new Error(`compose refuses to start: env file ${full} not found`);
      continue;
    }
    Object.assign(environment, readEnvFile(full, shell));
  }
  const entries: [string, EnvironmentValue][] = Array.isArray(service.environment)
    ? service.environment.map((item) => {
        const eq = item.indexOf("=");
        return eq < 0 ? [item, null] : [item.slice(0, eq), item.slice(eq + 1)];
      })
    : Object.entries(service.environment ?? {});
  for (const [key, value] of entries) {
    if (value === null) {
      if (shell[key] !== undefined) environment[key] = shell[key]!;
      else delete environment[key];
    } else environment[key] = interpolate(scalar(value), shell);
  }
  return environment;
}

/**
 * The `ENV` lines of the Dockerfile's last stage: what every container of the image has before
 * compose adds its own (compose's values win).
 */
export function imageEnvironment(): Record<string, string> {
  const dockerfile = fs.readFileSync(path.join(root, "Dockerfile"), "utf8").replace(/\\\r?\n/g, " ");
  const stages = dockerfile.split(/^FROM\s/m);
  const last = stages[stages.length - 1]!;
  const environment: Record<string, string> = {};
  for (const [, rest] of last.matchAll(/^ENV\s+(.+)$/gm)) {
    for (const [, key, quoted, bare] of rest!.matchAll(/([A-Za-z_]\w*)=(?:"([^"]*)"|(\S*))/g)) {
      environment[key!] = quoted ?? bare ?? "";
    }
  }
  return environment;
}
