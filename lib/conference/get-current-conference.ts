import { cache } from "react";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";

// A Plenary deployment serves one conference at a time: PLENARY_CONFERENCE picks it by slug,
// otherwise the earliest created. (The data model holds many; the URLs stay short.)
export const getCurrentConferenceOrThrow = cache(async () => {
  const slug = env.PLENARY_CONFERENCE;
  const conference = slug
    ? await prisma.conference.findUnique({ where: { slug } })
    : await prisma.conference.findFirst({ orderBy: { createdAt: "asc" } });
  if (!conference) throw notFound("Conference");
  return conference;
});
