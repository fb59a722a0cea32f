import { z } from "zod";
import { json, parseJson, requireUser, withErrors } from "../../_lib/route";
import { FavouriteInput } from "@/lib/agenda/schemas";
import { setFavourite } from "@/lib/agenda/set-favourite";

const Body = FavouriteInput.extend({ starred: z.boolean() });

// POST /api/agenda/favourites { talkId, starred } — star or unstar a talk for the signed-in user.
export const POST = withErrors(async (request: Request) => {
  const user = await requireUser(request);
  const input = await parseJson(request, Body);
  const result = await setFavourite({ userId: user.id, talkId: input.talkId, starred: input.starred });
  return json(result);
});
