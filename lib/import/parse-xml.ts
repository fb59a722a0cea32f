import { AppError } from "@/lib/errors/app-error";

// A small, strict XML reader for schedule exports (frab/Pentabarf schedule.xml). It reads
// elements, attributes, text, CDATA and the predefined and numeric entities, and ignores
// comments, processing instructions and the DOCTYPE. It never expands DTD entities, so an
// uploaded file cannot make it fetch anything or blow up in memory.

export type XmlElement = { name: string; attributes: Record<string, string>; children: XmlNode[] };
export type XmlNode = XmlElement | string;

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string, at: () => number): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*);/g, (_m, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref.startsWith("#x") ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!isXmlChar(code)) throw invalid(`&${ref}; is not a character XML allows`, at());
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref];
    if (named === undefined) throw invalid(`unknown entity &${ref};`, at());
    return named;
  });
}

/** XML 1.0's Char production: no NUL or other C0 controls, no surrogates, nothing past U+10FFFF. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

function invalid(reason: string, offset: number): AppError {
  return new AppError("INVALID_INPUT", `This is not well-formed XML: ${reason} (at character ${offset})`);
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const text = source.replace(/^\uFEFF/, "");
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;

  const skip = (end: string, what: string) => {
    const j = text.indexOf(end, i);
    if (j < 0) throw invalid(`unclosed ${what}`, i);
    i = j + end.length;
  };

  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.length) {
      const top = stack[stack.length - 1];
      if (top) top.children.push(decodeEntities(chunk, () => i));
      else if (chunk.trim()) throw invalid("text outside the root element", i);
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith("<!--", i)) skip("-->", "comment");
    else if (text.startsWith("<?", i)) skip("?>", "processing instruction");
    else if (text.startsWith("<![CDATA[", i)) {
      const start = i + 9;
      skip("]]>", "CDATA section");
      const top = stack[stack.length - 1];
      if (!top) throw invalid("CDATA outside the root element", start);
      top.children.push(text.slice(start, i - 3));
    } else if (text.startsWith("<!DOCTYPE", i) || text.startsWith("<!doctype", i)) {
      // Skip an internal subset in brackets too; its entities are deliberately not honoured.
      const bracket = text.indexOf("[", i);
      const close = text.indexOf(">", i);
      if (bracket >= 0 && bracket < close) {
        i = bracket;
        skip("]", "DOCTYPE");
      }
      skip(">", "DOCTYPE");
    } else if (text.startsWith("</", i)) {
      const m = /^<\/([^\s>]+)\s*>/.exec(text.slice(i, i + 300));
      if (!m) throw invalid("malformed closing tag", i);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw invalid(`</${m[1]}> does not close <${open?.name ?? "nothing"}>`, i);
      i += m[0].length;
      if (stack.length === 0) root = open;
    } else {
      const m = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(i, i + 20_000));
      if (!m) throw invalid("malformed tag", i);
      const [whole, name, rawAttributes, selfClosing] = m;
      const attributes: Record<string, string> = {};
      for (const a of rawAttributes!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attributes[a[1]!] = decodeEntities(a[2] ?? a[3] ?? "", () => i);
      }
      const element: XmlElement = { name: name!, attributes, children: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root) throw invalid("more than one root element", i);
      i += whole.length;
      if (selfClosing) {
        if (!parent) root = element;
      } else stack.push(element);
    }
  }
  if (stack.length) throw invalid(`<${stack[stack.length - 1]!.name}> is never closed`, text.length);
  if (!root) throw invalid("no root element", 0);
  return root;
}

/** Child elements named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== "string" && c.name === name);
}

/** The text of the first child named `name`, trimmed; undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = childrenNamed(element, name)[0];
  return child ? textOf(child).trim() : undefined;
}

export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === "string" ? c : textOf(c))).join("");
}
