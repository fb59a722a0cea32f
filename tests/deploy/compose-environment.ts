import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

const root = path.resolve(import.meta.dirname, "../..");

export type ComposeService = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
};

export type ComposeFile = { services: Record<string, ComposeService>; volumes: Record<string, unknown> };

export function readComposeFile(): ComposeFile {
  return parse(fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true }) as ComposeFile;
}

/**
 * The environment docker compose gives a service's process, as compose builds it: `${VAR}`,
 * `${VAR:-default}` / `${VAR-default}` and `${VAR:?message}` interpolated from the shell's
 * variables (`shell`), values as strings — `${STRIPE_SECRET_KEY:-}` with nothing set is "".
 */
export function composeEnvironment(service: ComposeService, shell: Record<string, string>): Record<string, string> {
  const interpolate = (value: string) =>
    value.replace(/\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g, (_match, name: string, colon: string, op: string, arg: string) => {
      const set = shell[name];
      const missing = set === undefined || (colon === ":" && set === "");
      if (op === "?" && missing) throw new Error(`compose refuses to start: ${name}: ${arg}`);
      if (op === "-" && missing) return arg;
      return set ?? "";
    });
  const environment: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment ?? {})) {
    // `KEY:` with no value passes the shell's variable through (and nothing when it is unset).
    if (value === null) {
      if (shell[key] !== undefined) environment[key] = shell[key];
    } else environment[key] = interpolate(String(value));
  }
  return environment;
}
