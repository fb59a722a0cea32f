import { respondWithCalendar } from "../respond";

export const dynamic = "force-dynamic";

export function GET() {
  return respondWithCalendar({ kind: "schedule" });
}
