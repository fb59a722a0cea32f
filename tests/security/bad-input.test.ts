import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import * as importRoute from "@/app/api/conferences/[conference]/admin/import/route";
import { createUser } from "../support/fixtures";
import { createTestConference } from "../schedule-editor/fixtures";

// Bad input answers 4xx with a message the sender can act on, never a 500 with a stack trace.
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

describe("a media address with a malformed %-escape", () => {
  let server: RealtimeServer;
  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("answers 400 with a message, not a 500", async () => {
    for (const bad of ["%E0%A4%A", "%zz", "%", "%C3%28"]) {
      const response = await fetch(`http://127.0.0.1:${server.port}/media/talks/abc/rec/${bad}.m3u8`);
      expect(response.status, bad).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("INVALID_INPUT");
      expect(body.error.message).toMatch(/malformed %-escape/);
    }
  });
});

describe("a frab schedule.xml with a character reference XML does not allow", () => {
  let conferenceId: string;
  let organizer: string;
  let conferenceSlug: string;
  beforeAll(async () => {
    const conference = await createTestConference();
    conferenceId = conference.id;
    conferenceSlug = conference.slug;
    organizer = (await createUser({ conferenceId, role: "ORGANIZER" })).cookie;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  const frab = (title: string) => `<?xml version="1.0"?>
<schedule><conference><title>X</title><time_zone_name>UTC</time_zone_name></conference>
<day index="1" date="2026-06-01"><room name="Main"><event id="1" guid="g-1">
<date>2026-06-01T10:00:00+00:00</date><start>10:00</start><duration>00:30</duration>
<room>Main</room><title>${title}</title><persons/></event></room></day></schedule>`;

  it("answers 400 naming the reference, and imports nothing", async () => {
    for (const ref of ["&#x110000;", "&#0;", "&#xD800;", "&#99999999999;"]) {
      const response = await importRoute.POST(
        new Request("http://localhost/api/admin/import", {
          method: "POST",
          headers: { "content-type": "application/json", cookie: organizer },
          body: JSON.stringify({ format: "frab-xml", source: frab(`Talk ${ref}`) }),
        }),
        params({ conference: conferenceSlug }),
      );
      expect(response.status, ref).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.message).toContain(`${ref} is not a character XML allows`);
    }
    expect(await prisma.talk.count({ where: { conferenceId } })).toBe(0);
  });
});
