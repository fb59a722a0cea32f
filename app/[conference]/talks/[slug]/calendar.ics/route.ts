import { respondWithCalendar } from "@/app/[conference]/calendar/respond";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ conference: string; slug: string }> }) {
  const { conference, slug } = await params;
  return respondWithCalendar(conference, { kind: "talk", slug });
}
