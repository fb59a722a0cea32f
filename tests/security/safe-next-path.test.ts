import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/security/safe-next-path";

describe("safeNextPath: where to go after signing in", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeNextPath("/agenda")).toBe("/agenda");
    expect(safeNextPath("/talks/opening-keynote?t=30#chat")).toBe("/talks/opening-keynote?t=30#chat");
    expect(safeNextPath("/admin/schedule/abc")).toBe("/admin/schedule/abc");
  });

  it("refuses anything a browser could read as another host, in every encoding (issue 10)", () => {
    for (const next of [
      "//evil.example/x",
      "/\\evil.example/x", // what ?next=/%5Cevil.example/x arrives as
      "/%5Cevil.example/x", // and encoded once more
      "/%255Cevil.example/x",
      "/\t/evil.example", // ?next=/%09/evil.example: the tab is dropped, leaving //evil.example
      "/%09/evil.example",
      "/\n/evil.example",
      "/%2F/evil.example",
      "/%2f%2fevil.example",
      "https://evil.example/",
      "evil.example",
      "javascript:alert(1)",
      "/%E0%A4%A", // not decodable
      "",
    ]) {
      expect(safeNextPath(next), JSON.stringify(next)).toBe("/");
    }
  });

  it("refuses what is not a string and uses the given fallback", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined, "/agenda")).toBe("/agenda");
    expect(safeNextPath(["/a"])).toBe("/");
  });
});
