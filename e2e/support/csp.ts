import type { BrowserContext, ConsoleMessage } from "@playwright/test";

/**
 * Records Content-Security-Policy violations in every page of a context (the browser fires
 * `securitypolicyviolation`; it is echoed to the console, where the test collects it). Returns
 * what was refused so far, e.g. ["media-src blob:…"]: a spec asserts it stays empty.
 */
export async function recordCspViolations(context: BrowserContext): Promise<() => string[]> {
  const violations: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  const onConsole = (message: ConsoleMessage) => {
    const text = message.text();
    if (/^CSP violation: |Content Security Policy/.test(text)) violations.push(text);
  };
  context.on("console", onConsole);
  return () => [...violations];
}
