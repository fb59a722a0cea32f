import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/scripts/free-port";
import { findNginx, startNginx, type RunningNginx } from "./support/nginx";

// deploy/nginx.conf run by Debian's nginx in front of two stand-in realtime nodes that say who
// they are: every attendee here comes from one address (127.0.0.1), as behind a corporate NAT.
const nginxBinary = findNginx();
if (!nginxBinary) console.warn("[nginx-affinity] skipped: nginx is not installed (apt-get install nginx-light)");

describe.skipIf(!nginxBinary)("deploy/nginx.conf: socket.io affinity by a per-browser cookie, not by address", () => {
  const nodes: http.Server[] = [];
  let nginx: RunningNginx;

  beforeAll(async () => {
    const ports: Record<string, number> = {};
    for (const name of ["realtime-1", "realtime-2", "web"]) {
      const server = http.createServer((req, res) => res.end(name));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      nodes.push(server);
      ports[name] = (server.address() as AddressInfo).port;
    }
    nginx = await startNginx({ upstreams: ports, port: await freePort() });
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(nodes.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  const poll = async (cookie?: string) => {
    const res = await fetch(`http://127.0.0.1:${nginx.port}/socket.io/?EIO=4&transport=polling`, { headers: cookie ? { cookie } : {} });
    return { node: await res.text(), setCookie: res.headers.get("set-cookie") };
  };

  it("browsers from one address are spread over the nodes, each handed its own affinity cookie", async () => {
    const first = await Promise.all(Array.from({ length: 24 }, () => poll()));
    const cookies = first.map((r) => r.setCookie);
    for (const cookie of cookies) expect(cookie).toMatch(/^plenary_node=[0-9a-f]{32}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(new Set(cookies).size).toBe(cookies.length);
    // 24 random keys all on one of two nodes: odds 2^-23 (ip_hash put all of them on one).
    expect(new Set(first.map((r) => r.node))).toEqual(new Set(["realtime-1", "realtime-2"]));
  });

  it("every later request of a browser lands on the node its first request reached, and sets no new cookie", async () => {
    for (let browser = 0; browser < 8; browser++) {
      const first = await poll();
      const cookie = first.setCookie!.split(";")[0]!;
      for (let request = 0; request < 6; request++) {
        const next = await poll(`${cookie}; other=1`);
        expect(next.node).toBe(first.node);
        expect(next.setCookie).toBeNull();
      }
    }
  });

  it("a node replaced right after the other came back: every browser still gets through (no node is held down)", async () => {
    const [one, two] = nodes as [http.Server, http.Server];
    const portOf = (server: http.Server) => (server.address() as AddressInfo).port;
    const restart = async (server: http.Server, port: number) => {
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    };
    const [portOne, portTwo] = [portOf(one), portOf(two)];
    // realtime-1 goes away: its browsers' requests are refused there and taken by realtime-2.
    await new Promise((resolve) => one.close(resolve));
    for (const r of await Promise.all(Array.from({ length: 12 }, () => poll()))) expect(r.node).toBe("realtime-2");
    // It comes back, and at once realtime-2 goes away: realtime-1 takes everyone (not a 502).
    await restart(one, portOne);
    await new Promise((resolve) => two.close(resolve));
    for (const r of await Promise.all(Array.from({ length: 12 }, () => poll()))) expect(r.node).toBe("realtime-1");
    await restart(two, portTwo);
  });

  it("pages and API calls go to the web app", async () => {
    expect(await (await fetch(`http://127.0.0.1:${nginx.port}/schedule`)).text()).toBe("web");
  });
});
