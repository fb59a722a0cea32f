import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCast, clientPool, emit, sleep } from "./helpers";
import { startNode, type Node } from "./support/cluster";

// Two nodes with a low frame ceiling (2 a second), senders on both: a viewer gets the frames of
// one batcher (its own node's, fed with both nodes' events), not of every node that holds senders.
describe("scale-out: a busy room's members get one node's frames", () => {
  let a: Node;
  let b: Node;
  const pool = clientPool(() => a.url);

  beforeAll(async () => {
    [a, b] = await Promise.all([startNode({ CHAT_MAX_FRAMES_PER_SECOND: "2" }), startNode({ CHAT_MAX_FRAMES_PER_SECOND: "2" })]);
  }, 180_000);
  afterAll(async () => {
    pool.closeAll();
    for (const n of [a, b]) n?.child.kill("SIGTERM");
    await sleep(300);
  });

  it("senders on both nodes, a viewer on one: every message once, in frames under the one ceiling", async () => {
    const { fx, alice, organizer } = await chatCast();
    const room = { talkId: fx.talks.webTalk.id };
    const viewer = await pool.open(alice.cookie, { url: b.url });
    expect(await emit(viewer, "chat:join", { room })).toMatchObject({ ok: true });
    const frames: { type: string; message?: { id: string } }[][] = [];
    viewer.on("chat:batch", (batch: { type: string; message?: { id: string } }[]) => frames.push(batch));
    // Organizers are not rate limited: 20 messages from each node, as fast as the acks come.
    const senders = [await pool.open(organizer.cookie, { url: a.url }), await pool.open(organizer.cookie, { url: b.url })];
    const started = Date.now();
    const ids = (
      await Promise.all(
        senders.map(async (s, n) => {
          const sent: string[] = [];
          for (let i = 0; i < 20; i++) sent.push((await emit(s, "chat:send", { room, body: `node ${n} #${i}` })).message.id);
          return sent;
        }),
      )
    ).flat();
    const sendingMs = Date.now() - started;
    const received = () => frames.flat().flatMap((e) => (e.type === "message" && e.message ? [e.message.id] : []));
    const deadline = Date.now() + 20_000;
    while (!ids.every((id) => received().includes(id)) && Date.now() < deadline) await sleep(50);
    expect(new Set(received())).toEqual(new Set(ids));
    expect(received()).toHaveLength(ids.length); // each once
    // One batcher: its burst (3) plus 2 a second over the sending time, plus the last flush.
    // Two batchers each sending their own node's events would allow twice that.
    expect(frames.length).toBeLessThanOrEqual(3 + Math.ceil((sendingMs / 1000) * 2) + 1);
  }, 120_000);
});
