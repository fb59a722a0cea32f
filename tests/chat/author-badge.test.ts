import { describe, expect, it, beforeAll } from "vitest";
import { prisma } from "@/lib/db/client";
import { authorBadge } from "@/lib/chat/author-badge";
import { listMessages } from "@/lib/chat/list-messages";
import { ListMessagesInput } from "@/lib/chat/schemas";
import { getViewer } from "@/lib/permissions/get-viewer";
import { createUser, uid } from "../support/fixtures";
import { chatCast } from "./helpers";

// A sent message takes its badge from the sender's viewer; history builds it from the rows
// loaded with each message. Both go through authorBadge, so both must agree.
describe("author badges", () => {
  let cast: Awaited<ReturnType<typeof chatCast>>;
  beforeAll(async () => {
    cast = await chatCast();
  });

  it("organizers everywhere, speakers in their own talk and in the hallway; history and live agree", async () => {
    const { fx, conferenceId, organizer, speaker, alice } = cast;
    const rooms = { own: fx.talks.webTalk.id, other: fx.talks.sideTalk.id, hallway: null };
    const authors = { organizer, speaker, alice };
    const expected = {
      own: { organizer: "organizer", speaker: "speaker", alice: null },
      other: { organizer: "organizer", speaker: null, alice: null },
      hallway: { organizer: "organizer", speaker: "speaker", alice: null },
    } as const;
    for (const [room, talkId] of Object.entries(rooms) as [keyof typeof rooms, string | null][]) {
      for (const [name, author] of Object.entries(authors) as [keyof typeof authors, { id: string }][]) {
        await prisma.chatMessage.create({ data: { conferenceId, talkId, userId: author.id, body: `${name} in ${room}` } });
      }
      const history = await listMessages({
        ...ListMessagesInput.parse({ room: talkId ? { talkId } : { conferenceId } }),
        userId: organizer.id,
      });
      for (const [name, author] of Object.entries(authors) as [keyof typeof authors, { id: string }][]) {
        const message = history.messages.find((m) => m.body === `${name} in ${room}`)!;
        expect(message.author.badge, `${name} in ${room}`).toBe(expected[room][name]);
        const live = authorBadge(await getViewer({ conferenceId, userId: author.id }), talkId);
        expect(live, `${name} in ${room}, live`).toBe(expected[room][name]);
      }
    }
  });

  it("an account linked to a speaker profile without a confirmed address gets no speaker badge, live or in history", async () => {
    const { fx, conferenceId, organizer } = cast;
    const squatter = await createUser({ conferenceId, ticket: true, name: "Not Really Sam", verified: false });
    const profile = await prisma.speaker.create({ data: { conferenceId, userId: squatter.id, slug: `sq-${uid()}`, name: "Sam" } });
    await prisma.talkSpeaker.create({ data: { talkId: fx.talks.webTalk.id, speakerId: profile.id } });
    const talkId = fx.talks.webTalk.id;
    await prisma.chatMessage.create({ data: { conferenceId, talkId, userId: squatter.id, body: "trust me, I am the speaker" } });
    const history = await listMessages({ ...ListMessagesInput.parse({ room: { talkId } }), userId: organizer.id });
    expect(history.messages.find((m) => m.body === "trust me, I am the speaker")!.author.badge).toBeNull();
    expect(authorBadge(await getViewer({ conferenceId, userId: squatter.id }), talkId)).toBeNull();
  });
});
