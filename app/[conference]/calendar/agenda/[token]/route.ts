import { respondWithCalendar } from "../../respond";

export const dynamic = "force-dynamic";

// /calendar/agenda/<token>.ics — the token is the only credential (calendar apps send no cookies).
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return respondWithCalendar({ kind: "agenda", token: token.replace(/\.ics$/, "") });
}
