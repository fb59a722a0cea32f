import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env, envVariableNames, overrideEnv, parseEnv } from "@/lib/config/env";
import { composeEnvironment, readComposeFile } from "../deploy/compose-environment";

const root = path.resolve(import.meta.dirname, "../..");

describe("the environment (lib/config)", () => {
  it("parses exactly the environment docker-compose.yml gives each app service, empty strings included", () => {
    const { services } = readComposeFile();
    const shell = { BETTER_AUTH_SECRET: "s".repeat(44), PUBLIC_URL: "https://conf.example.org" };
    for (const name of ["web", "realtime-1", "realtime-2", "migrate"]) {
      const given = composeEnvironment(services[name]!, shell);
      // Stripe is optional: compose passes `${STRIPE_SECRET_KEY:-}` as an empty string.
      expect(given, name).toMatchObject({ STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: "" });
      const parsed = parseEnv(given);
      expect(parsed.STRIPE_SECRET_KEY, name).toBeUndefined();
      expect(parsed.STRIPE_WEBHOOK_SECRET, name).toBeUndefined();
      expect(parsed, name).toMatchObject({
        NODE_ENV: "production",
        DATABASE_URL: "postgresql://plenary:plenary@postgres:5432/plenary",
        REDIS_URL: "redis://redis:6379",
        BETTER_AUTH_SECRET: shell.BETTER_AUTH_SECRET,
        PUBLIC_URL: "https://conf.example.org",
        REALTIME_PUBLIC_URL: "https://conf.example.org",
        MEDIA_DIR: "/data/media",
      });
    }
    expect(parseEnv(composeEnvironment(services["realtime-1"]!, shell))).toMatchObject({ REALTIME_PORT: 3001, RTMP_PORT: 1935 });
    expect(parseEnv(composeEnvironment(services["realtime-2"]!, shell))).toMatchObject({ REALTIME_PORT: 3001, RTMP_PORT: 0 });
    expect(parseEnv(composeEnvironment(services.web!, shell))).toMatchObject({
      PORT: 3000,
      REALTIME_INTERNAL_URLS: ["http://realtime-1:3001", "http://realtime-2:3001"],
    });
    // With Stripe configured, the same file passes the keys through.
    const withStripe = composeEnvironment(services.web!, { ...shell, STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" });
    expect(parseEnv(withStripe)).toMatchObject({ STRIPE_SECRET_KEY: "sk_test_1", STRIPE_WEBHOOK_SECRET: "whsec_1" });
  });

  it("takes an empty string as unset for every variable", () => {
    const empty = Object.fromEntries(envVariableNames.map((name) => [name, ""]));
    expect(parseEnv(empty)).toEqual(parseEnv({}));
  });

  it("refuses invalid values, naming the variable", () => {
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "pk_live_oops" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "many" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ PLENARY_RTMP_DEBUG: "yes" })).toThrow(/PLENARY_RTMP_DEBUG/);
    expect(parseEnv({ PLENARY_RTMP_DEBUG: "1", PLENARY_ALLOW_DEV_SECRET: "0" })).toMatchObject({
      PLENARY_RTMP_DEBUG: true,
      PLENARY_ALLOW_DEV_SECRET: false,
    });
  });

  it("overrideEnv changes the one parsed config, validated, and undoes it; process.env is untouched", () => {
    const before = { ...env };
    const processBefore = { ...process.env };
    expect(() => overrideEnv({ MEDIA_UPLOAD_MAX_MB: "zero" })).toThrow(/MEDIA_UPLOAD_MAX_MB/);
    expect(env).toEqual(before);
    const restore = overrideEnv({ PLENARY_CONFERENCE: "elsewhere", PORT: "4000" });
    expect(env).toMatchObject({ PLENARY_CONFERENCE: "elsewhere", PORT: 4000 });
    expect(process.env).toEqual(processBefore);
    restore();
    expect(env).toEqual(before);
  });

  it("is read only in lib/config: no other file of app/, lib/ or server/ touches process.env", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== "generated" && entry.name !== "node_modules") walk(file);
        } else if (/\.(ts|tsx|js|mjs)$/.test(entry.name) && /process\.env/.test(fs.readFileSync(file, "utf8"))) {
          offenders.push(path.relative(root, file));
        }
      }
    };
    for (const dir of ["app", "lib", "server"]) walk(path.join(root, dir));
    expect(offenders.filter((file) => !file.startsWith(path.join("lib", "config")))).toEqual([]);
  });
});
