import { z } from "zod";

export const FavouriteInput = z.object({ talkId: z.string().min(1).max(64) }).strict();
export type FavouriteInput = z.infer<typeof FavouriteInput>;
