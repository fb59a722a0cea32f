import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import "./globals.css";
import { SiteHeader } from "./_components/site-header";
import { TimeZoneProvider } from "./_components/schedule/time-zone";
import { getPageContext } from "./_lib/page-context";
import { env } from "@/lib/config/env";
import { AnnouncementBanner } from "./_components/chat/announcement-banner";
import { RealtimeIdentity } from "./_components/realtime/realtime-identity";
import { EmailConfirmationBanner } from "./_components/auth/email-confirmation-banner";
import { ReminderToasts } from "./_components/reminders/reminder-toasts";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { conference } = await getPageContext();
  const description = conference.tagline || conference.description;
  return {
    // Absolute URLs for og:image and og:url: a chat app fetches them from outside.
    metadataBase: new URL(env.PUBLIC_URL),
    title: { default: conference.name, template: `%s · ${conference.name}` },
    description,
    openGraph: { type: "website", siteName: conference.name, title: conference.name, description },
    twitter: { card: "summary_large_image" },
    // Naming icons here replaces Next's own link to app/icon.svg, so it is listed too. The PNG set
    // in public/ comes from scripts/generate-icons.ts.
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "48x48" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { conference, user, isOrganizer, realtimeUrl } = await getPageContext();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <RealtimeIdentity userId={user?.id ?? null} />
        <TimeZoneProvider conferenceZone={conference.timeZone}>
          <SiteHeader conferenceName={conference.name} user={user} isOrganizer={isOrganizer} />
          {user && !user.emailVerified ? <EmailConfirmationBanner email={user.email} /> : null}
          <AnnouncementBanner conferenceId={conference.id} realtimeUrl={realtimeUrl} />
          <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6 sm:py-10">
            {children}
          </main>
          {user ? <ReminderToasts realtimeUrl={realtimeUrl} /> : null}
          <footer className="border-t border-zinc-200 py-8 text-center text-sm text-zinc-500 dark:border-zinc-800">
            Powered by Plenary · open-source virtual conferences
          </footer>
        </TimeZoneProvider>
      </body>
    </html>
  );
}
