import { describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { overrideEnv } from "@/lib/config/env";
import { contentSecurityPolicy, securityHeaders } from "@/lib/security/security-headers";

const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)]));

describe("security headers", () => {
  it("the CSP allows scripts only by nonce, frames nowhere, and what the player and chat load", () => {
    const restore = overrideEnv({ PUBLIC_URL: "http://localhost:3000", REALTIME_PUBLIC_URL: "http://localhost:3001" });
    try {
      const csp = directives(contentSecurityPolicy({ nonce: "abc123", development: false }));
      expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      // socket.io (also over WebSocket) and HLS from the realtime server; hls.js' MediaSource blobs.
      expect(csp.get("connect-src")).toEqual(expect.arrayContaining(["'self'", "http://localhost:3001", "ws://localhost:3001"]));
      expect(csp.get("media-src")).toEqual(expect.arrayContaining(["blob:", "http://localhost:3001"]));
      expect(csp.get("worker-src")).toEqual(expect.arrayContaining(["blob:"]));
      expect(csp.has("upgrade-insecure-requests")).toBe(false);
      expect(securityHeaders()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
      expect(securityHeaders()).not.toHaveProperty("strict-transport-security");
    } finally {
      restore();
    }
  });

  it("behind https: HSTS, upgrade-insecure-requests and wss:", () => {
    const restore = overrideEnv({ PUBLIC_URL: "https://conf.example.org", REALTIME_PUBLIC_URL: "https://live.conf.example.org" });
    try {
      const csp = directives(contentSecurityPolicy({ nonce: "n", development: false }));
      expect(csp.has("upgrade-insecure-requests")).toBe(true);
      expect(csp.get("connect-src")).toEqual(expect.arrayContaining(["https://live.conf.example.org", "wss://live.conf.example.org"]));
      expect(securityHeaders()["strict-transport-security"]).toMatch(/max-age=\d+/);
    } finally {
      restore();
    }
  });

  it("nginx refuses large bodies except on the upload location", () => {
    const nginx = fs.readFileSync(path.resolve(import.meta.dirname, "../../deploy/nginx.conf"), "utf8");
    const server = nginx.match(/^ {2}client_max_body_size (\d+)m;/m);
    expect(Number(server?.[1])).toBeLessThanOrEqual(16);
    expect(nginx).toMatch(/location \/media\/ \{[^}]*client_max_body_size 4g;/);
  });
});
