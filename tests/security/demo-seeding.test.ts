import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/config/env";
import { shouldSeedDemo } from "@/scripts/should-seed-demo";

// The demo accounts' password is in the README (issue 10): `npm start` seeded them on every start,
// also in production on a real database.
describe("when npm start loads the demo conference", () => {
  const decide = (source: Record<string, string>) => shouldSeedDemo(parseEnv(source));

  it("a newcomer's embedded database gets it without asking", () => {
    expect(decide({})).toBe(true);
    expect(decide({ NODE_ENV: "development" })).toBe(true);
  });

  it("a real database or production mode only with PLENARY_SEED_DEMO=1", () => {
    expect(decide({ DATABASE_URL: "postgres://db/plenary" })).toBe(false);
    expect(decide({ NODE_ENV: "production" })).toBe(false);
    expect(decide({ DATABASE_URL: "postgres://db/plenary", NODE_ENV: "production" })).toBe(false);
    expect(decide({ DATABASE_URL: "postgres://db/plenary", PLENARY_SEED_DEMO: "1" })).toBe(true);
    expect(decide({ NODE_ENV: "production", PLENARY_SEED_DEMO: "1" })).toBe(true);
  });

  it("PLENARY_SEED_DEMO=0 turns it off; an empty value is unset; anything else is refused at boot", () => {
    expect(decide({ PLENARY_SEED_DEMO: "0" })).toBe(false);
    expect(decide({ PLENARY_SEED_DEMO: "", DATABASE_URL: "postgres://db/plenary" })).toBe(false);
    expect(() => decide({ PLENARY_SEED_DEMO: "yes" })).toThrow(/PLENARY_SEED_DEMO/);
  });
});
