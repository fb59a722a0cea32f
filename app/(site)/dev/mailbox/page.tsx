import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Fragment } from "react";
import { isDevMailboxEnabled, listDevMailbox } from "@/lib/mail/dev-mailbox";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui/card";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false } };

/** Plain text with its links clickable. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="break-all font-medium text-brand-600 underline">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

// Without SMTP_URL (and never in a production deployment unless PLENARY_DEV_MAILBOX=1, as `npm
// start` sets it) the mails Plenary would send are kept here, so a newcomer can confirm an address.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!isDevMailboxEnabled()) notFound();
  const params = await searchParams;
  const to = typeof params.to === "string" && params.to ? params.to : undefined;
  const mails = listDevMailbox({ to });
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="Dev mailbox"
        description="SMTP_URL is not set, so the mails Plenary sends land here instead of in an inbox. Newest first; kept until the server restarts."
      />
      {mails.length === 0 ? (
        <EmptyState title="No mail yet">Sign up or ask for a password reset, then reload this page.</EmptyState>
      ) : (
        <ol aria-label="Mails" className="space-y-4">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Card className="p-6">
                <article aria-labelledby={`mail-${mail.id}`}>
                  <h2 id={`mail-${mail.id}`} className="font-semibold">
                    {mail.subject}
                  </h2>
                  <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                    To {mail.to} · <time dateTime={mail.sentAt.toISOString()}>{mail.sentAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                  </p>
                  <p className="mt-4 whitespace-pre-wrap text-sm">
                    <Linkified text={mail.text} />
                  </p>
                </article>
              </Card>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
