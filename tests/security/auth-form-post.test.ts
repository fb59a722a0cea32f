import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "@/lib/config/env";
import { prisma } from "@/lib/db/client";
import { findSessionUser } from "@/lib/auth/get-session-user";
import { createUser, uid } from "../support/fixtures";
import * as signInRoute from "@/app/api/account/sign-in/route";
import * as signUpRoute from "@/app/api/account/sign-up/route";

// The sign-in and sign-up forms before hydration (issue 10): a POST to these routes, never a GET
// with the password in the address. They sign in through better-auth and answer 303.

const PASSWORD = "correct-horse-battery";
function form(
  route: { POST: (r: Request) => Promise<Response> },
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return route.POST(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: env.PUBLIC_URL, ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
  );
}
const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

describe("sign-in and sign-up form posts", () => {
  let user: { id: string; email: string };
  const created: string[] = [];
  beforeAll(async () => {
    user = await createUser();
  });
  afterAll(async () => {
    await prisma.user.deleteMany({ where: { id: { in: [user.id, ...created] } } });
  });

  it("signs in: 303 to the next path with the session cookie", async () => {
    const res = await form(signInRoute, "/api/account/sign-in", { email: user.email, password: PASSWORD, next: "/agenda?day=2" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/agenda?day=2");
    const session = await findSessionUser({ headers: new Headers({ cookie: cookieOf(res) }) });
    expect(session?.id).toBe(user.id);
  });

  it("never sends anyone off-site after signing in", async () => {
    for (const next of ["/\\evil.example/x", "//evil.example", "/\t/evil.example", "https://evil.example/"]) {
      const res = await form(signInRoute, "/api/account/sign-in", { email: user.email, password: PASSWORD, next });
      expect(res.headers.get("location"), JSON.stringify(next)).toBe("/");
    }
  });

  it("a wrong password goes back to the form with an error and no credentials in the address", async () => {
    const res = await form(signInRoute, "/api/account/sign-in", { email: user.email, password: "wrong-password", next: "/agenda" });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toBe("/sign-in?error=credentials&next=%2Fagenda");
    expect(location).not.toContain("wrong-password");
    expect(location).not.toContain(encodeURIComponent(user.email));
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("a form that does not parse goes back with ?error=invalid", async () => {
    const res = await form(signInRoute, "/api/account/sign-in", { email: "not an email", password: "x" });
    expect(res.headers.get("location")).toBe("/sign-in?error=invalid");
  });

  it("signs up and in, and refuses an email that has an account", async () => {
    const email = `form-${uid()}@example.test`;
    const res = await form(signUpRoute, "/api/account/sign-up", { name: "Form Person", email, password: PASSWORD, next: "/tickets" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/tickets");
    const session = await findSessionUser({ headers: new Headers({ cookie: cookieOf(res) }) });
    expect(session?.email).toBe(email);
    created.push(session!.id);
    const again = await form(signUpRoute, "/api/account/sign-up", { name: "Form Person", email, password: PASSWORD });
    expect(again.headers.get("location")).toBe("/sign-up?error=exists");
  });

  it("a form post from another origin is refused (login CSRF)", async () => {
    const res = await form(signInRoute, "/api/account/sign-in", { email: user.email, password: PASSWORD }, { origin: "http://localhost:9999" });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
