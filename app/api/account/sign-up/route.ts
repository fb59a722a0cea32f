import { withErrors } from "../../_lib/route";
import { submitAuthForm } from "../submit-auth-form";

// POST /api/account/sign-up (form: name, email, password, next) -> 303 to `next` signed in, or
// back to /sign-up?error=… — the sign-up form before its JavaScript has loaded.
export const POST = withErrors(async (request: Request) => submitAuthForm(request, "sign-up"));
