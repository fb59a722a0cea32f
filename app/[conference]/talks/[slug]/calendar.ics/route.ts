import { respondWithCalendar } from "../../../calendar/respond";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return respondWithCalendar({ kind: "talk", slug });
}
