import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { GeistMono } from "geist/font/mono";
import "./globals.css";
import { SiteHeader } from "./_components/site-header";
import { getSessionContext } from "./_lib/page-context";
import { env } from "@/lib/config/env";
import { RealtimeIdentity } from "./_components/realtime/realtime-identity";
import { EmailConfirmationBanner } from "./_components/auth/email-confirmation-banner";
import { ReminderToasts } from "./_components/reminders/reminder-toasts";

export const dynamic = "force-dynamic";

// The instance's own metadata; each conference's layout (app/[conference]/layout.tsx) names itself.
export async function generateMetadata(): Promise<Metadata> {
  const description = "Conferences online: live talks, replays, chat and tickets.";
  return {
    // Absolute URLs for og:image and og:url: a chat app fetches them from outside.
    metadataBase: new URL(env.PUBLIC_URL),
    title: { default: "Conferences", template: "%s · Plenary" },
    description,
    openGraph: { type: "website", siteName: "Plenary", title: "Conferences", description },
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
  const { user, realtimeUrl } = await getSessionContext();
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <RealtimeIdentity userId={user?.id ?? null} />
        <SiteHeader user={user} />
        {user && !user.emailVerified ? <EmailConfirmationBanner email={user.email} /> : null}
        {/* Each layout below puts the page in <main id="main"> (app/_components/page-main.tsx). */}
        {children}
        {user ? <ReminderToasts realtimeUrl={realtimeUrl} /> : null}
        <footer className="border-t border-zinc-200 py-8 text-center text-sm text-zinc-500 dark:border-zinc-800">
          Powered by Plenary · open-source virtual conferences
        </footer>
      </body>
    </html>
  );
}
