import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { createConference, createUser } from "../support/fixtures";
import * as quoteRoute from "@/app/api/conferences/[conference]/checkout/quote/route";
import * as importRoute from "@/app/api/conferences/[conference]/admin/import/route";

// Bodies are counted as they arrive (issue 10: a 30 MB JSON body to an anonymous endpoint was read
// and parsed; the import's 5 MB limit trusted Content-Length). Streams without a Content-Length,
// as a chunked upload sends them, are what a check of the header alone lets through.

/** A body of `bytes` bytes sent in 64 KB chunks, with no Content-Length; counts what was pulled. */
function streamed(bytes: number, fill = "a") {
  const chunk = new TextEncoder().encode(fill.repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const piece = chunk.subarray(0, Math.min(chunk.byteLength, bytes - sent));
      sent += piece.byteLength;
      controller.enqueue(piece);
    },
  });
  return { stream, sent: () => sent };
}
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

describe("request body limits", () => {
  let conferenceId: string;
  let organizer: { cookie: string };
  let conferenceSlug: string;
  beforeAll(async () => {
    const fx = await createConference();
    conferenceId = fx.conference.id;
    conferenceSlug = fx.conference.slug;
    organizer = await createUser({ conferenceId, role: "ORGANIZER" });
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } }).catch(() => {});
  });

  it("an anonymous JSON route stops reading at 1 MB: 413, and the rest of a 30 MB body is never pulled", async () => {
    const body = streamed(30 * 1024 * 1024);
    const res = await quoteRoute.POST(
      new Request("http://localhost/api/checkout/quote", {
        method: "POST",
        headers: { "content-type": "application/json", origin: env.PUBLIC_URL },
        body: body.stream,
        duplex: "half",
      } as RequestInit),
      params({ conference: conferenceSlug }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/1 MB/) });
    expect(body.sent()).toBeLessThan(2 * 1024 * 1024);
  });

  it("a declared Content-Length above the limit is refused before reading", async () => {
    const res = await quoteRoute.POST(
      new Request("http://localhost/api/checkout/quote", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(2 * 1024 * 1024) },
        body: "{}",
      }),
      params({ conference: conferenceSlug }),
    );
    expect(res.status).toBe(413);
  });

  it("small JSON still goes through (the quote answers on its merits)", async () => {
    const res = await quoteRoute.POST(
      new Request("http://localhost/api/checkout/quote", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
      params({ conference: conferenceSlug }),
    );
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("INVALID_INPUT");
  });

  it("the import's 5 MB is checked on the bytes of a multipart upload without Content-Length", async () => {
    const boundary = "plenary-test-boundary";
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="schedule.xml"\r\nContent-Type: application/xml\r\n\r\n`,
    );
    const file = streamed(6 * 1024 * 1024, "x");
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(head);
        const reader = file.stream.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          controller.enqueue(value);
        }
        controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      },
    });
    const res = await importRoute.POST(
      new Request("http://localhost/api/admin/import", {
        method: "POST",
        headers: { cookie: organizer.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
        body: stream,
        duplex: "half",
      } as RequestInit),
      params({ conference: conferenceSlug }),
    );
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("a small multipart import is still read (and judged by the parser)", async () => {
    const form = new FormData();
    form.set("file", new Blob(["<schedule></schedule>"], { type: "application/xml" }), "schedule.xml");
    const res = await importRoute.POST(
      new Request("http://localhost/api/admin/import", { method: "POST", headers: { cookie: organizer.cookie }, body: form }),
      params({ conference: conferenceSlug }),
    );
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });
});
