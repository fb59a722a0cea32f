import { ResendConfirmation } from "./resend-confirmation";

/** Shown to a signed-in account whose address is not confirmed: what is waiting on it, and the way to get a new link. */
export function EmailConfirmationBanner({ email }: { email: string }) {
  return (
    <section
      aria-labelledby="confirm-email-title"
      className="border-b border-amber-200 bg-amber-50 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
    >
      <div className="mx-auto flex max-w-7xl flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          <strong id="confirm-email-title" className="font-semibold">
            Confirm your email address.
          </strong>{" "}
          We sent a link to <span className="font-medium">{email}</span>. Speaker access and tickets need a confirmed address.
        </p>
        <ResendConfirmation email={email} />
      </div>
    </section>
  );
}
