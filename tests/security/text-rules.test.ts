import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { cleanText, safeText } from "@/lib/validation/text";
import { startRealtimeServer, type RealtimeServer } from "@/server/realtime-server";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as stages from "@/app/api/conferences/[conference]/admin/schedule/stages/route";
import * as talk from "@/app/api/conferences/[conference]/admin/schedule/talks/[talkId]/route";
import * as speakers from "@/app/api/conferences/[conference]/admin/schedule/speakers/route";
import { createUser, uid } from "../support/fixtures";
import { createTestConference } from "../schedule-editor/fixtures";
import { chatCast, clientPool, emit } from "../chat/helpers";

// Text people type: NUL refused with a clear message (PostgreSQL cannot store it), bidi overrides
// and invisible characters removed, names held to 80 characters.

const RLO = "\u202E";
const ZWSP = "\u200B";
const params = <P extends Record<string, string>>(p: P) => ({ params: Promise.resolve(p) });

describe("the text rules (lib/validation/text.ts)", () => {
  it("removes bidi overrides, isolates and zero-width characters, keeps joiners that spell words and emoji", () => {
    expect(cleanText(`Ada${RLO}gnp.exe${ZWSP}\u2066x\u2069\uFEFF`)).toBe("Adagnp.exex");
    expect(cleanText("👩\u200D💻 می\u200Cخواهم")).toBe("👩\u200D💻 می\u200Cخواهم");
    expect(cleanText("two\nlines\tand\u0007bell")).toBe("two lines andbell");
    expect(cleanText("two\r\nlines", { multiline: true })).toBe("two\nlines");
  });

  it("refuses NUL and counts length after cleaning", () => {
    const name = safeText({ min: 1, max: 80 });
    expect(name.safeParse("a\u0000b").error?.issues[0]?.message).toBe("must not contain NUL characters");
    expect(name.safeParse(`${ZWSP}${RLO}`).success).toBe(false);
    expect(name.parse(`  ${"x".repeat(80)}${ZWSP}  `)).toHaveLength(80);
    expect(name.safeParse("x".repeat(200_000)).error?.issues.map((i) => i.message)).toEqual(["At most 80 characters"]);
  });
});

describe("over HTTP", () => {
  let conferenceId: string;
  let organizer: string;
  let conferenceSlug: string;
  const json = (method: string, body: unknown, cookie = organizer) =>
    new Request("http://localhost/api/x", { method, headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const conference = await createTestConference();
    conferenceId = conference.id;
    conferenceSlug = conference.slug;
    organizer = (await createUser({ conferenceId, role: "ORGANIZER" })).cookie;
  });
  afterAll(async () => {
    await prisma.conference.delete({ where: { id: conferenceId } });
  });

  it("a NUL in a name answers 400 naming the field, and writes nothing", async () => {
    const response = await stages.POST(json("POST", { name: "Main\u0000Hall" }), params({ conference: conferenceSlug }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_INPUT", fields: { name: ["must not contain NUL characters"] } } });
    expect(await prisma.stage.count({ where: { conferenceId } })).toBe(0);
  });

  it("a NUL that reaches PostgreSQL anyway (an id in the path) answers 400, not 500", async () => {
    const response = await talk.PATCH(json("PATCH", { title: "x" }), {
      params: Promise.resolve({ conference: conferenceSlug, talkId: "abc\u0000def" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "INVALID_INPUT" } });
  });

  it("stores names without bidi overrides or zero-width characters, and caps speaker names at 80", async () => {
    const response = await speakers.POST(json("POST", { name: `Mallory${RLO}${ZWSP} Marsh` }), params({ conference: conferenceSlug }));
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ speaker: { name: "Mallory Marsh" } });
    const long = await speakers.POST(json("POST", { name: "y".repeat(81) }), params({ conference: conferenceSlug }));
    expect(long.status).toBe(400);
  });

  describe("sign-up names", () => {
    const signUp = (name: string, email = `new-${uid()}@example.test`) =>
      authRoute.POST(
        new Request(`${env.PUBLIC_URL}/api/auth/sign-up/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: env.PUBLIC_URL },
          body: JSON.stringify({ email, password: "correct-horse-battery", name }),
        }),
      );

    it("refuses a name over 80 characters with 400, a 200,000-character one as too large, and creates no account", async () => {
      const email = `long-${uid()}@example.test`;
      const response = await signUp("n".repeat(1_000), email);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toBe("Name: A name has at most 80 characters");
      // The auth routes read at most 64 KB of body: such a request is refused before it is parsed.
      expect((await signUp("n".repeat(200_000), email)).status).toBe(413);
      expect(await prisma.user.count({ where: { email } })).toBe(0);
    });

    it("refuses NUL and strips bidi overrides from the name it keeps", async () => {
      expect((await signUp("Eve\u0000")).status).toBe(400);
      const email = `eve-${uid()}@example.test`;
      expect((await signUp(`Eve${RLO}lyn${ZWSP}`, email)).status).toBe(200);
      expect(await prisma.user.findUnique({ where: { email }, select: { name: true } })).toEqual({ name: "Evelyn" });
    });
  });
});

describe("over a socket (chat:send on a real socket.io server)", () => {
  let server: RealtimeServer;
  let cast: Awaited<ReturnType<typeof chatCast>>;
  const pool = clientPool(() => `http://127.0.0.1:${server.port}`);
  beforeAll(async () => {
    server = await startRealtimeServer({ port: 0, host: "127.0.0.1" });
    cast = await chatCast();
  });
  afterAll(async () => {
    pool.closeAll();
    await server?.close();
  });

  it("a NUL in a message is refused in the ack and nothing is stored; bidi overrides are removed", async () => {
    const alice = await pool.open(cast.alice.cookie);
    const room = { talkId: cast.fx.talks.webTalk.id };
    expect((await emit(alice, "chat:join", { room })).ok).toBe(true);
    const refused = await emit(alice, "chat:send", { room, body: "hi\u0000there" });
    expect(refused).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(refused.error!.message).toContain("must not contain NUL characters");
    expect(await prisma.chatMessage.count({ where: { talkId: room.talkId } })).toBe(0);

    const sent = await emit(alice, "chat:send", { room, body: `look ${RLO}txt.exe${ZWSP}` });
    expect(sent).toMatchObject({ ok: true, message: { body: "look txt.exe" } });
    expect(await emit(alice, "chat:send", { room, body: `${ZWSP}${RLO}` })).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
  });
});
