import { forbidden, unauthorized } from "next/navigation";
import { getPageContext } from "@/app/_lib/page-context";

/**
 * The page context of an organizer; anyone else gets the 401 (signed out) or 403 page with that
 * HTTP status (app/unauthorized.tsx, app/forbidden.tsx). The admin layout checks first; pages
 * check again so no admin data is ever loaded for anyone else.
 */
export async function getOrganizerContext() {
  const context = await getPageContext();
  if (!context.user) unauthorized();
  if (!context.isOrganizer) forbidden();
  return { ...context, user: context.user };
}

/** The page context when the viewer may organize, else null (for pages that render a fallback). */
export async function findOrganizerContext() {
  const context = await getPageContext();
  return context.isOrganizer ? context : null;
}
