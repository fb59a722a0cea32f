import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("KeyedQueue", () => {
  it("runs at most `limit` tasks per key at once, the rest first come first served; other keys do not wait", async () => {
    const queue = new KeyedQueue(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      active++;
      most = Math.max(most, active);
      order.push(i);
      await tick();
      active--;
      return i;
    };
    const other = queue.run("b", async () => "b ran");
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => queue.run("a", task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(await other).toBe("b ran");
  });

  it("frees the place of a task that failed", async () => {
    const queue = new KeyedQueue(1);
    const failed = queue.run("a", async () => {
      await tick();
      throw new Error("refused");
    });
    const next = queue.run("a", async () => "next ran");
    await expect(failed).rejects.toThrow("refused");
    expect(await next).toBe("next ran");
    // And the key is forgotten once idle: a later task runs at once.
    expect(await queue.run("a", async () => "later")).toBe("later");
  });
});
