import { respondWithCalendar } from "../../respond";

export const dynamic = "force-dynamic";

// /{conference}/calendar/agenda/<token>.ics — the token is the only credential (calendar apps send no cookies).
export async function GET(_request: Request, { params }: { params: Promise<{ conference: string; token: string }> }) {
  const { conference, token } = await params;
  return respondWithCalendar(conference, { kind: "agenda", token: token.replace(/\.ics$/, "") });
}
