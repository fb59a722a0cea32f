import { prisma } from "@/lib/db/client";
import { fieldError } from "./field-error";

/**
 * The account id for a speaker's "account email" field: undefined leaves the link as it is, null
 * unlinks, an email links the account that signed up with it.
 */
export async function resolveSpeakerAccount(accountEmail: string | null | undefined): Promise<string | null | undefined> {
  if (accountEmail === undefined) return undefined;
  if (accountEmail === null) return null;
  const user = await prisma.user.findFirst({
    where: { email: { equals: accountEmail, mode: "insensitive" } },
    select: { id: true },
  });
  if (!user) throw fieldError("accountEmail", "No account has signed up with this email yet");
  return user.id;
}
