import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";

/** A page's `get...OrThrow` load: the domain's NOT_FOUND becomes Next's 404 page; other errors stay errors. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
