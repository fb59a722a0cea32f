import { APIError } from "better-auth/api";
import { prisma } from "@/lib/db/client";
import { addressConfirmationMail, passwordResetMail } from "@/lib/mail/account-mails";
import { sendMail, type Mail } from "@/lib/mail/send-mail";
import { claimSpeakerProfiles } from "@/lib/speakers/claim-speaker-profiles";
import { logger } from "@/lib/logging/logger";

// better-auth's mail hooks (lib/auth/auth.ts): what the mails say, where their links land, and
// what a proven address unlocks.

type AccountUser = { id: string; email: string; name: string };

// The pages the links end on (app/verify-email, app/reset-password), whatever a caller asked for.
export const VERIFIED_PAGE = "/verify-email";
export const RESET_PAGE = "/reset-password";

function withCallback(url: string, callbackURL: string): string {
  const link = new URL(url);
  link.searchParams.set("callbackURL", callbackURL);
  return link.toString();
}

async function conferenceName(): Promise<string> {
  const conference = await prisma.conference.findFirst({ orderBy: { createdAt: "asc" }, select: { name: true } }).catch(() => null);
  return conference?.name ?? "Plenary";
}

async function send(mail: Mail): Promise<void> {
  try {
    await sendMail(mail);
  } catch (error) {
    logger.error({ detail: error instanceof Error ? error.message : error }, `[mail] could not send "${mail.subject}" to ${mail.to}`);
    throw new APIError("SERVICE_UNAVAILABLE", { message: "We could not send the mail just now. Please try again in a few minutes." });
  }
}

export async function sendAddressConfirmation(options: { user: AccountUser; url: string }): Promise<void> {
  const { user } = options;
  const url = withCallback(options.url, VERIFIED_PAGE);
  await send(addressConfirmationMail({ to: user.email, name: user.name, url, conferenceName: await conferenceName() }));
}

export async function sendPasswordReset(options: { user: AccountUser; url: string }): Promise<void> {
  const { user } = options;
  const url = withCallback(options.url, RESET_PAGE);
  await send(passwordResetMail({ to: user.email, name: user.name, url, conferenceName: await conferenceName() }));
}

/** A confirmed address: the speaker profiles invited at it become this account's. */
export async function onAddressConfirmed(user: { id: string; email: string }): Promise<void> {
  await claimSpeakerProfiles({ userId: user.id, email: user.email });
}

/**
 * A password reset through the mailed link proves the address too: confirm it. That also settles
 * an address someone else signed up with first: the owner resets the password, and the other
 * sessions are revoked (revokeSessionsOnPasswordReset).
 */
export async function onPasswordReset(user: { id: string; email: string }): Promise<void> {
  await prisma.user.update({ where: { id: user.id }, data: { emailVerified: true } });
  await onAddressConfirmed(user);
}
