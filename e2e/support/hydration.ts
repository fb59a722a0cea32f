import type { Locator } from "@playwright/test";

/** Waits until React has hydrated an element (its fiber is attached): its handlers are live. */
export async function waitForHydration(element: Locator) {
  await element.evaluate(
    (node) =>
      new Promise<void>((resolve) => {
        const check = () => (Object.keys(node).some((key) => key.startsWith("__reactFiber")) ? resolve() : setTimeout(check, 50));
        check();
      }),
  );
}
