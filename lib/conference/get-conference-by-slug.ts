import { cache } from "react";
import { prisma } from "@/lib/db/client";
import type { Conference } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { isConferenceSlug } from "./conference-path";

/** The conference a URL names; a malformed slug is simply not found (it never reaches the database). */
export async function getConferenceBySlugOrThrow(options: { slug: string }): Promise<Conference> {
  const conference = await findBySlug(options.slug);
  if (!conference) throw notFound("Conference");
  return conference;
}

// Keyed by the slug string (react's cache compares arguments by identity): layout, page and
// metadata of one request share one query.
const findBySlug = cache(async (slug: string) => (isConferenceSlug(slug) ? prisma.conference.findUnique({ where: { slug } }) : null));
