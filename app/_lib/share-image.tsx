import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";

/** The preview a chat app or social network shows for a shared link (Open Graph / Twitter card). */
export const shareImageSize = { width: 1200, height: 630 };

// Geist from the `geist` package on disk: the build and the server never reach a font host.
// Satori reads TTF, not the WOFF2 the pages use.
let fonts: Promise<{ name: string; data: Buffer; weight: 400 | 600; style: "normal" }[]> | undefined;
function loadFonts() {
  const dir = path.join(process.cwd(), "node_modules/geist/dist/fonts/geist-sans");
  const load = async (file: string, weight: 400 | 600) => ({
    name: "Geist",
    data: withoutKerning(await readFile(path.join(dir, file))),
    weight,
    style: "normal" as const,
  });
  fonts ??= Promise.all([load("Geist-Regular.ttf", 400), load("Geist-SemiBold.ttf", 600)]);
  return fonts;
}

/**
 * Satori lays words out by their unkerned widths but draws them kerned, which leaves a wide gap
 * after every kerned word ("infrastructure  lead"). Renaming the GPOS and kern tables in the
 * font's table directory makes it skip kerning on both sides.
 */
function withoutKerning(font: Buffer): Buffer {
  const copy = Buffer.from(font);
  for (let i = 0, tables = copy.readUInt16BE(4); i < tables; i++) {
    const at = 12 + 16 * i;
    const tag = copy.toString("latin1", at, at + 4);
    if (tag === "GPOS" || tag === "kern") copy.write(tag === "GPOS" ? "XPOS" : "xern", at, "latin1");
  }
  return copy;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}

export async function renderShareImage(options: {
  conferenceName: string;
  /** Small line above the title: "Keynote · Main Stage". */
  eyebrow?: string;
  title: string;
  /** Under the title: a headline, a tagline. */
  subtitle?: string;
  /** Shown as initials and names along the bottom. */
  people?: string[];
  /** Bottom right: a talk's slot, a speaker's talks, the conference's dates. */
  footer?: string;
}): Promise<ImageResponse> {
  const { conferenceName, eyebrow, title, subtitle, people = [], footer } = options;
  const titleSize = title.length > 70 ? 54 : title.length > 40 ? 64 : 76;
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "64px 72px",
        background: "linear-gradient(135deg, #1e1b4b 0%, #312e81 55%, #4f46e5 100%)",
        color: "#ffffff",
        fontFamily: "Geist",
      }}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 20 }}>
        <div
          style={{
            width: 56,
            height: 56,
            borderRadius: 14,
            background: "#4f46e5",
            border: "2px solid rgba(255,255,255,0.35)",
            display: "flex",
            alignItems: "center",
            justifyContent: "center",
            fontSize: 32,
            fontWeight: 600,
          }}
        >
          P
        </div>
        <div style={{ fontSize: 30, fontWeight: 600, color: "#e0e7ff" }}>{conferenceName}</div>
      </div>

      <div style={{ display: "flex", flexDirection: "column", gap: 20 }}>
        {eyebrow ? <div style={{ fontSize: 28, color: "#c7d2fe", textTransform: "uppercase", letterSpacing: 2 }}>{eyebrow}</div> : null}
        <div style={{ fontSize: titleSize, fontWeight: 600, lineHeight: 1.1, letterSpacing: -1 }}>{title}</div>
        {subtitle ? <div style={{ fontSize: 32, color: "#e0e7ff" }}>{subtitle}</div> : null}
      </div>

      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 32 }}>
        <div style={{ display: "flex", alignItems: "center", gap: 28 }}>
          {people.slice(0, 3).map((name) => (
            <div key={name} style={{ display: "flex", alignItems: "center", gap: 14 }}>
              <div
                style={{
                  width: 56,
                  height: 56,
                  borderRadius: 28,
                  background: "#e0e7ff",
                  color: "#312e81",
                  display: "flex",
                  alignItems: "center",
                  justifyContent: "center",
                  fontSize: 24,
                  fontWeight: 600,
                }}
              >
                {initials(name)}
              </div>
              <div style={{ fontSize: 28, fontWeight: 600 }}>{name}</div>
            </div>
          ))}
          {people.length > 3 ? <div style={{ fontSize: 28, color: "#c7d2fe" }}>+{people.length - 3}</div> : null}
        </div>
        {footer ? <div style={{ fontSize: 28, color: "#e0e7ff", textAlign: "right" }}>{footer}</div> : null}
      </div>
    </div>,
    { ...shareImageSize, fonts: await loadFonts() },
  );
}
