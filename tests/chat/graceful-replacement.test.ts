import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { byMessageId, chatCast, clientPool, emit, followRoom, sleep } from "./helpers";
import { startNode, startProxy, waitUntil, type Node } from "./support/cluster";

// A realtime node replaced the way an orchestrator does it (SIGTERM), under chat load: its
// clients reconnect through the balancer to the other node and resume, no message lost or twice.
describe("graceful replacement of a realtime node (two processes, real Redis, real PostgreSQL)", () => {
  let a: Node;
  let b: Node;
  const pool = clientPool(() => b.url);

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode(), startNode()]);
  }, 180_000);
  afterAll(async () => {
    pool.closeAll();
    for (const n of [a, b]) if (n?.child.exitCode === null) n.child.kill("SIGKILL");
    await sleep(300);
  });

  it(
    "SIGTERM: the node stops listening, answers what it accepted, its clients land on the other node and catch up; it exits on its own",
    { timeout: 300_000 },
    async () => {
      const { fx, alice, bob, carol, organizer } = await chatCast();
      const room = { talkId: fx.talks.webTalk.id };
      // The balancer: A while it accepts connections, else B (a draining node stops listening).
      const proxy = await startProxy(() => [a.port, b.port]);
      const viaProxy = `http://127.0.0.1:${proxy.port}`;
      const viewers = await Promise.all([alice, bob, carol].map((u) => pool.open(u.cookie, { url: viaProxy, reconnection: true })));
      const panels = viewers.map((s) => followRoom(s, room, { keep: 10_000 }));
      for (const panel of panels) await panel.join();
      // Alice also sends from node A while it goes away: what she was acked for must be stored.
      const sender = await pool.open(organizer.cookie, { url: b.url });

      const sent: string[] = [];
      const aliceSent: string[] = [];
      const refused: string[] = [];
      let sending = true;
      const load = (async () => {
        for (let i = 0; sending; i++) {
          const ack = await emit(sender, "chat:send", { room, body: `load ${i}` });
          expect(ack.ok).toBe(true);
          sent.push(ack.message.id);
          if (i % 5 === 0 && viewers[0]!.connected) {
            const mine = await emit(viewers[0]!, "chat:send", { room, body: `alice ${i}` }).catch(() => null);
            if (mine?.ok) aliceSent.push(mine.message.id);
            else if (mine) refused.push(mine.error!.code);
          }
          await sleep(40);
        }
      })();
      await waitUntil(() => sent.length >= 20, 20_000, "load running");

      const health = await fetch(`${a.url}/healthz`);
      expect(health.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => a.child.once("exit", (code) => resolve(code)));
      a.child.kill("SIGTERM");
      await waitUntil(() => viewers.every((s) => !s.connected) || a.child.exitCode !== null, 30_000, "A let its clients go");
      // Reconnected (to B: A no longer listens), re-joined and caught up.
      await waitUntil(() => viewers.every((s) => s.connected) && panels.every((p) => p.state.joins >= 2), 60_000, "everyone back");
      expect(await exited).toBe(0);
      await sleep(1000);
      sending = false;
      await load;

      const everything = byMessageId([...sent, ...aliceSent]);
      await waitUntil(() => panels.every((p) => p.ids().length >= everything.length), 20_000, "all messages everywhere");
      for (const panel of panels) {
        expect(panel.state.errors).toEqual([]);
        const ids = panel.ids();
        expect(ids.filter((id) => everything.includes(id))).toEqual(everything);
        expect(new Set(ids).size).toBe(ids.length); // none twice
      }
      // Refusals while draining say why; nothing acked was lost (checked above).
      for (const code of refused) expect(code).toBe("UNAVAILABLE");
      proxy.close();
    },
  );
});
