import { withErrors } from "../../_lib/route";
import { submitAuthForm } from "../submit-auth-form";

// POST /api/account/sign-in (form: email, password, next) -> 303 to `next` signed in, or back to
// /sign-in?error=… — the sign-in form before its JavaScript has loaded.
export const POST = withErrors(async (request: Request) => submitAuthForm(request, "sign-in"));
