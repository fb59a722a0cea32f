import { expect, type Locator } from "@playwright/test";

/**
 * Waits until React has hydrated an element (its fiber is attached): its handlers are live. The
 * locator is resolved again at every check: a node React replaced (a refresh, a recovered
 * hydration error) never gets a fiber, the one that took its place does.
 */
export async function waitForHydration(element: Locator) {
  await expect
    .poll(() => element.evaluate((node) => Object.keys(node).some((key) => key.startsWith("__reactFiber"))), {
      timeout: 60_000,
      intervals: [50, 100, 250],
    })
    .toBe(true);
}
