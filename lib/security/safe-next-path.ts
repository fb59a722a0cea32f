// Where to send someone after signing in (`?next=`): only a path on this site. Browsers read
// `//evil.example`, `/\evil.example` and `/<tab>/evil.example` as other hosts, so anything that could
// become one (also once decoded) falls back to the home page.

const ORIGIN = "http://plenary.invalid";
// Control characters (tabs and newlines are dropped by URL parsers) and backslashes (read as "/").
// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

export function safeNextPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/")) return fallback;
  let decoded = next;
  // Encoded variants (%5C, %2F%2F, %09, and encodings of those) are checked in every decoded form.
  for (let i = 0; i < 4; i++) {
    if (UNSAFE.test(decoded) || decoded.startsWith("//")) return fallback;
    let once: string;
    try {
      once = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (once === decoded) break;
    decoded = once;
  }
  if (decoded !== next && (UNSAFE.test(decoded) || decoded.startsWith("//"))) return fallback;
  const url = new URL(next, ORIGIN);
  if (url.origin !== ORIGIN) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
