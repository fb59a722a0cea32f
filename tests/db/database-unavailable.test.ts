import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/db/generated/client";
import { isDatabaseUnavailable, toErrorAck, toErrorBody } from "@/lib/errors/app-error";
import { freePort } from "@/scripts/free-port";

// A client of the database on a port where nothing listens: what a node sees while PostgreSQL is down.
describe("errors from an unreachable database", () => {
  it("are answered UNAVAILABLE ('try again'), not INTERNAL", async () => {
    const port = await freePort();
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/none` }) });
    const error = await unreachable.chatMessage.findMany({ take: 1 }).catch((e: unknown) => e);
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(toErrorAck(error)).toEqual({ ok: false, error: { code: "UNAVAILABLE", message: expect.stringMatching(/try again/) } });
    const raw = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/none` });
    expect(toErrorBody(await raw.connect().catch((e: unknown) => e))).toMatchObject({ code: "UNAVAILABLE" });
  });

  it("other failures stay INTERNAL", () => {
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("unique"), { code: "P2002" }))).toBe(false);
    expect(toErrorBody(new TypeError("x is undefined"))).toMatchObject({ code: "INTERNAL" });
  });
});
