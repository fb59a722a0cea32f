import { respondWithCalendar } from "../respond";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ conference: string }> }) {
  return respondWithCalendar((await params).conference, { kind: "schedule" });
}
