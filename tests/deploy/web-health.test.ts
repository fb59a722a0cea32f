import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { GET as live } from "@/app/api/health/live/route";
import { GET as ready } from "@/app/api/health/ready/route";

// The web app's probes (Kubernetes, the image's HEALTHCHECK): liveness asks nothing of anyone
// else; readiness asks its database only, never the realtime nodes (they have their own probes).
describe("web health probes", () => {
  it("/api/health/live answers 200 without asking the database", async () => {
    const res = live();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  // The probe gives the database 2 s; the pool's first connection on a loaded machine may take
  // longer, which is what failureThreshold absorbs in Kubernetes: open it first.
  beforeAll(async () => {
    await prisma.$queryRaw`SELECT 1`;
  });

  it("/api/health/ready answers 200 when the database answers", async () => {
    let res = await ready();
    for (let attempt = 1; attempt < 3 && res.status !== 200; attempt++) res = await ready();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, checks: { database: "ok" } });
  });
});
