import { prisma } from "@/lib/db/client";

export type SpeakerAccount = { accountEmail: string | null; userId: string | null };

/**
 * The link for a speaker's "account email" field: undefined leaves it as it is, null unlinks, an
 * address is kept on the profile and links the account with that address only once the account
 * has confirmed it. Anyone can sign up with any address: an unconfirmed one proves nothing, and
 * linking it would hand a stranger the talk's stream key (lib/speakers/claim-speaker-profiles.ts
 * links it when the address is confirmed later).
 */
export async function resolveSpeakerAccount(accountEmail: string | null | undefined): Promise<SpeakerAccount | undefined> {
  if (accountEmail === undefined) return undefined;
  if (accountEmail === null) return { accountEmail: null, userId: null };
  const email = accountEmail.toLowerCase();
  const user = await prisma.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, emailVerified: true },
    select: { id: true },
  });
  return { accountEmail: email, userId: user?.id ?? null };
}
