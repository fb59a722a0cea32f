import { describe, expect, it } from "vitest";
import { json, jsonError } from "@/app/api/_lib/route";
import { AppError } from "@/lib/errors/app-error";

describe("json (route handlers' answers)", () => {
  it("marks a small answer no-transform, so Next's compression leaves it as it is", async () => {
    const answer = json({ order: { id: "o1" } }, { status: 201 });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("cache-control")).toBe("no-transform");
    expect(await answer.json()).toEqual({ order: { id: "o1" } });
  });

  it("keeps the caller's cache-control and headers, and lets a large answer be compressed", () => {
    const small = json({ ok: true }, { headers: { "cache-control": "no-store", "x-extra": "1" } });
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(small.headers.get("x-extra")).toBe("1");
    const large = json({ items: "x".repeat(2000) }, { headers: { "cache-control": "no-store" } });
    expect(large.headers.get("cache-control")).toBe("no-store");
  });

  it("answers errors the same way", async () => {
    const answer = jsonError(new AppError("CONFLICT", "Sold out"));
    expect(answer.status).toBe(409);
    expect(answer.headers.get("cache-control")).toBe("no-transform");
    expect(await answer.json()).toMatchObject({ error: { code: "CONFLICT", message: "Sold out" } });
  });
});
