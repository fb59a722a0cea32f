import { test, expect, type APIRequestContext } from "@playwright/test";

// What a chat app, a social network or a crawler fetches without a browser: the talk page's
// Open Graph / Twitter tags, the preview image they point at, robots.txt, the manifest, icons.

function meta(html: string, key: string): string | undefined {
  const tag = new RegExp(`<meta[^>]+(?:property|name)="${key.replace(/[:.]/g, "\\$&")}"[^>]*>`).exec(html)?.[0];
  const content = tag && /content="([^"]*)"/.exec(tag)?.[1];
  return content
    ?.replace(/&amp;/g, "&")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/** Fetches a PNG and returns its size from the IHDR chunk. */
async function fetchPng(request: APIRequestContext, url: string) {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  const body = await res.body();
  expect(body.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

test("a shared ?t= talk link previews the talk, its speakers and its time, with a generated image", async ({ request, baseURL }) => {
  const res = await request.get("/plenary-summit/talks/panel-hybrid-events?t=90");
  expect(res.status()).toBe(200);
  const html = await res.text();

  const title = meta(html, "og:title");
  expect(title).toContain("Panel: What hybrid events got wrong");
  for (const speaker of ["Jonas Berg", "Amara Okafor", "Mei Chen"]) expect(title).toContain(speaker);
  const description = meta(html, "og:description")!;
  expect(description).toMatch(/^Watch from 1:30 · \w+day \d{1,2} \w+, \d\d:\d\d–\d\d:\d\d \S+ · Main Stage\./);
  expect(meta(html, "og:url")).toBe(`${baseURL}/plenary-summit/talks/panel-hybrid-events?t=90`);
  expect(meta(html, "og:type")).toBe("article");
  expect(meta(html, "og:site_name")).toBe("Plenary Summit");
  expect(meta(html, "twitter:card")).toBe("summary_large_image");
  expect(meta(html, "twitter:title")).toBe(title);

  const image = meta(html, "og:image")!;
  expect(image.startsWith(`${baseURL}/plenary-summit/talks/panel-hybrid-events/opengraph-image`)).toBe(true);
  expect(meta(html, "og:image:width")).toBe("1200");
  expect(meta(html, "twitter:image")).toBe(image);
  expect(await fetchPng(request, image)).toEqual({ width: 1200, height: 630 });
});

test("a speaker's page and the conference's home page have their own preview images", async ({ request, baseURL }) => {
  const speaker = await (await request.get("/plenary-summit/speakers/mei-chen")).text();
  expect(meta(speaker, "og:title")).toBe("Mei Chen");
  expect(meta(speaker, "og:description")).toContain("Design tokens in practice");
  const speakerImage = meta(speaker, "og:image")!;
  expect(speakerImage.startsWith(`${baseURL}/plenary-summit/speakers/mei-chen/opengraph-image`)).toBe(true);
  expect(await fetchPng(request, speakerImage)).toEqual({ width: 1200, height: 630 });

  const home = await (await request.get("/plenary-summit")).text();
  expect(meta(home, "og:title")).toBe("Plenary Summit");
  expect(meta(home, "twitter:card")).toBe("summary_large_image");
  const homeImage = meta(home, "og:image")!;
  expect(homeImage.startsWith(`${baseURL}/plenary-summit/opengraph-image`)).toBe(true);
  expect(await fetchPng(request, homeImage)).toEqual({ width: 1200, height: 630 });
});

test("robots.txt keeps crawlers out of every conference's admin area and /api", async ({ request }) => {
  const res = await request.get("/robots.txt");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/plain");
  const lines = (await res.text()).split("\n").map((l) => l.trim());
  expect(lines).toContain("User-agent: *");
  expect(lines).toContain("Disallow: /*/admin");
  expect(lines).toContain("Disallow: /api");
});

test("pages link a web app manifest and a favicon set that are all served", async ({ request }) => {
  const html = await (await request.get("/")).text();
  expect(html).toMatch(/<link rel="manifest" href="\/manifest.webmanifest"/);
  expect(html).toMatch(/<link rel="apple-touch-icon" href="\/apple-touch-icon.png"/);
  expect(html).toMatch(/<link rel="icon" href="\/favicon.ico" sizes="48x48"/);
  expect(html).toMatch(/<link rel="icon" href="\/icon.svg" type="image\/svg\+xml"/);

  const res = await request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  const manifest = await res.json();
  expect(manifest).toMatchObject({ name: "Plenary Summit", start_url: "/", display: "standalone" });
  const pngs = manifest.icons.filter((i: { type: string }) => i.type === "image/png");
  expect(pngs.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  expect(pngs.some((i: { purpose?: string }) => i.purpose === "maskable")).toBe(true);
  for (const icon of pngs) {
    const [w, h] = icon.sizes.split("x").map(Number);
    expect(await fetchPng(request, icon.src)).toEqual({ width: w, height: h });
  }
  expect(await fetchPng(request, "/apple-touch-icon.png")).toEqual({ width: 180, height: 180 });
  const svg = await request.get("/icon.svg");
  expect([svg.status(), svg.headers()["content-type"]]).toEqual([200, "image/svg+xml"]);

  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  const ico = await favicon.body();
  expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 3]); // an icon file with 16, 32 and 48 px
});
