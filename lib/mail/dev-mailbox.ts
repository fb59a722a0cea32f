import { env } from "@/lib/config/env";

export type DevMail = { id: number; to: string; subject: string; text: string; html: string; sentAt: Date };

// The mails of a machine without SMTP, so a newcomer can still confirm an address or reset a
// password: kept in this process's memory (the web app sends every account mail), newest first,
// gone at restart. On globalThis: Next may load this module more than once in one process.
type Store = { nextId: number; mails: DevMail[] };
const KEY = Symbol.for("plenary.devMailbox");
const KEEP = 100;

function store(): Store {
  const holder = globalThis as unknown as Record<symbol, Store | undefined>;
  return (holder[KEY] ??= { nextId: 1, mails: [] });
}

/**
 * Whether mails go to the dev mailbox: never when SMTP is configured, and not in a production
 * build unless PLENARY_DEV_MAILBOX says so (`npm start` on a machine without SMTP): the page shows
 * everyone's reset links to whoever opens it.
 */
export function isDevMailboxEnabled(): boolean {
  return !env.SMTP_URL && (env.NODE_ENV !== "production" || env.PLENARY_DEV_MAILBOX);
}

export function deliverToDevMailbox(mail: Omit<DevMail, "id" | "sentAt">): DevMail {
  const box = store();
  const stored = { ...mail, id: box.nextId++, sentAt: new Date() };
  box.mails.unshift(stored);
  box.mails.length = Math.min(box.mails.length, KEEP);
  return stored;
}

/** The dev mailbox, newest first; only one recipient's mails when `to` is given. */
export function listDevMailbox(options: { to?: string } = {}): DevMail[] {
  const to = options.to?.toLowerCase();
  return store().mails.filter((mail) => !to || mail.to.toLowerCase() === to);
}
