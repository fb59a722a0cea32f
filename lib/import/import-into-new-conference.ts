import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { ConferenceSlug } from "@/lib/conference/conference-path";
import { dayKey } from "@/lib/schedule/time-zones";
import { slugify, uniqueSlug } from "@/lib/schedule-editor/slugify";
import { importSchedule, readExport } from "./import-schedule";
import { usableTimeZone } from "./normalize";
import { ImportNewConferenceInput, type ImportResult } from "./schemas";
import type { z } from "zod";

/**
 * Starts a new conference from a pretalx/frab export: its name and slug come from the event (or
 * from the organizer), its time zone and days from the export, and the importing user becomes its
 * organizer. Importing two events this way makes two conferences; nothing merges.
 */
export async function importIntoNewConference(options: {
  userId: string;
  input: z.input<typeof ImportNewConferenceInput>;
}): Promise<ImportResult & { conference: { id: string; slug: string; name: string } }> {
  const { name: givenName, slug: givenSlug, ...importInput } = ImportNewConferenceInput.parse(options.input);
  // Read once before creating anything: a broken export must not leave an empty conference.
  const { schedule } = readExport({ input: { overwriteEdits: false, ...importInput }, fallbackTimeZone: "UTC" });
  const timeZone = usableTimeZone(schedule.timeZone, "UTC");
  const name = givenName || schedule.title || schedule.acronym || "Imported conference";
  const slug = givenSlug ?? (await freeSlug(slugify(schedule.acronym || name, 56)));
  if (givenSlug && (await prisma.conference.findUnique({ where: { slug: givenSlug }, select: { id: true } }))) {
    throw new AppError("CONFLICT", `The address /${givenSlug} is taken by another conference`, { fields: { slug: ["Taken by another conference"] } });
  }
  const days = schedule.talks.flatMap((t) => [dayKey(t.startsAt, timeZone), dayKey(t.endsAt, timeZone)]).sort();

  const conference = await prisma.conference
    .create({
      data: {
        slug,
        name,
        timeZone,
        startsOn: new Date(`${days[0]}T00:00:00Z`),
        endsOn: new Date(`${days[days.length - 1]}T00:00:00Z`),
        memberships: { create: { userId: options.userId, role: "ORGANIZER" } },
      },
      select: { id: true, slug: true, name: true },
    })
    .catch((error: unknown) => {
      // Two imports choosing the same free slug at once: the unique index decides.
      if ((error as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `The address /${slug} was just taken; import again`);
      throw error;
    });
  try {
    const result = await importSchedule({ conferenceId: conference.id, input: importInput });
    return { ...result, conference };
  } catch (error) {
    // The schedule import is its own transaction; without it the new conference has no reason to be.
    await prisma.conference.delete({ where: { id: conference.id } }).catch(() => {});
    throw error;
  }
}

/** `base`, else `base-2`, `base-3`...: a slug no conference has and no page of Plenary uses. */
async function freeSlug(base: string): Promise<string> {
  const candidate = ConferenceSlug.safeParse(base).success ? base : `${base.replace(/-+$/, "")}-conference`.replace(/^-+/, "").slice(0, 60);
  const taken = await prisma.conference.findMany({ where: { slug: { startsWith: candidate } }, select: { slug: true } });
  return uniqueSlug(candidate, new Set(taken.map((c) => c.slug)));
}
