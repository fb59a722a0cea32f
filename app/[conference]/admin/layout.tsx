import type { Metadata } from "next";
import { AdminNav } from "./_components/admin-nav";
import { getOrganizerContext } from "./_lib/organizer-context";

export const metadata: Metadata = { title: { default: "Organize", template: "%s · Organize" }, robots: { index: false } };

/**
 * The admin area is for organizers only (`can(viewer, "conference:organize")`), checked on the
 * server for every admin page: a visitor gets 401, a signed-in non-organizer 403. The API
 * handlers under /api/admin check again on their own.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await getOrganizerContext();
  return (
    <div>
      <AdminNav />
      {children}
    </div>
  );
}
