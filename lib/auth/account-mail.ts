import { APIError } from "better-auth/api";
import { prisma } from "@/lib/db/client";
import { addressConfirmationMail, passwordResetMail } from "@/lib/mail/account-mails";
import { sendMail, type Mail } from "@/lib/mail/send-mail";
import { claimSpeakerProfiles } from "@/lib/speakers/claim-speaker-profiles";
import { logger } from "@/lib/logging/logger";
import { conferenceSlugOfPath } from "@/lib/conference/conference-path";
import { accountPageReturningTo, returnPathOf } from "./return-path";

// better-auth's mail hooks (lib/auth/auth.ts): what the mails say, where their links land, and
// what a proven address unlocks.

type AccountUser = { id: string; email: string; name: string };

// The pages the links end on (app/verify-email, app/reset-password), whatever a caller asked for.
export const VERIFIED_PAGE = "/verify-email";
export const RESET_PAGE = "/reset-password";

/**
 * The page the link lands on, whatever a caller asked for, remembering only where the person was
 * going (`?next=`, a path on this site) so that page can lead back to their conference.
 */
function withCallback(url: string, page: `/${string}`, returnPath: string): string {
  const link = new URL(url);
  link.searchParams.set("callbackURL", accountPageReturningTo(page, returnPath));
  return link.toString();
}

/** Where the form that asked for this mail was going: better-auth puts the form's callbackURL into the link. */
function returnPathOfLink(url: string): string {
  return returnPathOf(new URL(url).searchParams.get("callbackURL"));
}

// Accounts belong to the instance, not to one conference: without a conference in the return path
// the mail speaks for the instance (there is no instance name setting; better-auth's appName is this).
const INSTANCE_NAME = "Plenary";

/** The conference the person came from, when the return path names one that exists; else the instance. */
async function senderName(returnPath: string): Promise<string> {
  const slug = conferenceSlugOfPath(new URL(returnPath, "http://plenary.invalid").pathname);
  if (!slug) return INSTANCE_NAME;
  const conference = await prisma.conference.findUnique({ where: { slug }, select: { name: true } }).catch(() => null);
  return conference?.name ?? INSTANCE_NAME;
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
  const returnPath = returnPathOfLink(options.url);
  const url = withCallback(options.url, VERIFIED_PAGE, returnPath);
  await send(addressConfirmationMail({ to: user.email, name: user.name, url, conferenceName: await senderName(returnPath) }));
}

export async function sendPasswordReset(options: { user: AccountUser; url: string }): Promise<void> {
  const { user } = options;
  const returnPath = returnPathOfLink(options.url);
  const url = withCallback(options.url, RESET_PAGE, returnPath);
  await send(passwordResetMail({ to: user.email, name: user.name, url, conferenceName: await senderName(returnPath) }));
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
