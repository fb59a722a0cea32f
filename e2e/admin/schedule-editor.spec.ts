import { test, expect, type Page } from "@playwright/test";
import { ACCOUNTS, signIn } from "../support/accounts";

// The organizer's schedule editor, the way an organizer uses it: field errors from the shared
// schema, a talk created, a talk moved with the keyboard while an attendee's schedule page
// updates live, an import, and the door shut for attendees.

async function openDay(page: Page, path: string, dayLabel: RegExp) {
  await page.goto(path);
  await page.getByRole("navigation", { name: "Conference days" }).getByRole("link", { name: dayLabel }).click();
}

test("an organizer creates a talk, fixing the fields the form points at", async ({ page }) => {
  await signIn(page, ACCOUNTS.organizer);
  await page.goto("/plenary-summit/admin/schedule");
  await page.getByRole("link", { name: "New talk" }).click();
  await expect(page.getByRole("heading", { name: "New talk" })).toBeVisible();

  // Nothing filled in and the slot backwards: each error sits on its own field.
  const starts = page.getByLabel(/^Starts/);
  const start = await starts.inputValue();
  await page.getByLabel(/^Ends/).fill(start.replace(/T\d\d:\d\d$/, "T09:00"));
  await page.getByRole("button", { name: "Create talk" }).click();
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Give the talk a title")).toBeVisible();
  await expect(page.getByText("Must end after it starts")).toBeVisible();

  await page.getByLabel("Title").fill("Hallway track: meet the speakers");
  await page.getByLabel("Kind").selectOption({ label: "Panel" });
  await page.getByLabel("Stage").selectOption({ label: "Studio B" });
  await page.getByLabel(/^Ends/).fill(start.replace(/T\d\d:\d\d$/, "T23:30"));
  await page.getByLabel(/^Starts/).fill(start.replace(/T\d\d:\d\d$/, "T23:00"));
  await page.getByRole("checkbox", { name: "Mei Chen" }).check();
  await page.getByLabel("Abstract").fill("Bring your questions.");
  await page.getByRole("button", { name: "Create talk" }).click();

  await expect(page).toHaveURL(/\/admin\/schedule\/[^/?]+\?saved=created/);
  await expect(page.getByText("Talk created")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Hallway track: meet the speakers" })).toBeVisible();

  // It is a real talk: its public page exists.
  await page.getByRole("link", { name: "View talk page" }).click();
  await expect(page.getByRole("heading", { name: "Hallway track: meet the speakers" })).toBeVisible();
  await expect(page.getByText("Mei Chen").first()).toBeVisible();
});

test("moving a talk from the keyboard updates an open schedule page live", async ({ page, browser }) => {
  // An attendee has the public schedule open on day 2.
  const attendeeContext = await browser.newContext();
  const attendee = await attendeeContext.newPage();
  await signIn(attendee, ACCOUNTS.attendee);
  await openDay(attendee, "/plenary-summit/schedule", /^Day 2/);
  // The public schedule lists each stage's talks under the stage's heading.
  const onStage = (stage: string) => attendee.getByRole("region", { name: stage }).getByRole("article", { name: "Motion with restraint" });
  await expect(onStage("Studio B")).toBeVisible();

  await signIn(page, ACCOUNTS.organizer);
  await openDay(page, "/plenary-summit/admin/schedule", /^Day 2/);
  const move = page.getByRole("button", { name: "Move Motion with restraint" });
  await move.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /Move “Motion with restraint”/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Stage").selectOption({ label: "Main Stage" });
  const startField = dialog.getByLabel(/^Starts at/);
  await startField.fill((await startField.inputValue()).replace(/T\d\d:\d\d$/, "T15:00"));
  await dialog.getByRole("button", { name: "15 min later" }).click();
  await expect(startField).toHaveValue(/T15:15$/);
  await dialog.getByRole("button", { name: "Move talk" }).click();

  await expect(page.getByText("Moved “Motion with restraint” to Main Stage at 15:15.")).toBeVisible();
  await expect(move).toBeFocused();
  // The attendee's page followed without a reload.
  await expect(onStage("Main Stage")).toBeVisible();
  await expect(onStage("Studio B")).toHaveCount(0);
  await attendeeContext.close();
});

test("dragging a talk onto another stage moves it and warns about the overlap", async ({ page }) => {
  await signIn(page, ACCOUNTS.organizer);
  await openDay(page, "/plenary-summit/admin/schedule", /^Day 2/);
  const talk = page.getByRole("listitem", { name: /^Workshop: OBS for speakers/ });
  const mainStage = page.getByRole("region", { name: /^Main Stage/ });
  const box = await talk.boundingBox();
  // Drop it where it already starts (same height), one column to the left: Main Stage at 10:00.
  await talk.dragTo(mainStage, { sourcePosition: { x: 20, y: 10 }, targetPosition: { x: 40, y: box!.y - (await mainStage.boundingBox())!.y + 10 } });
  await expect(page.getByText(/Moved “Workshop: OBS for speakers” to Main Stage at 10:00\. Check: .*overlap on Main Stage/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /conflicts? to check/ })).toBeVisible();
  // Every conflicted card shows its label inside the card, short talks too (cards clip what overflows).
  const labels = page
    .getByRole("region", { name: /^Main Stage/ })
    .getByRole("listitem")
    .getByText("⚠ Conflict");
  // The moved workshop and the talks it now overlaps.
  await expect(labels.nth(1)).toBeVisible();
  for (const label of await labels.all()) {
    const inside = await label.evaluate((el) => {
      const card = el.closest("li")!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return box.top >= card.top && box.bottom <= card.bottom + 0.5 && box.left >= card.left && box.right <= card.right + 0.5;
    });
    expect(inside).toBe(true);
  }
});

test("an organizer imports a frab schedule.xml, and importing it again changes nothing", async ({ page }) => {
  await signIn(page, ACCOUNTS.organizer);
  await page.goto("/plenary-summit/admin/import");
  // No offset and no declared zone: the times are read in the conference's zone.
  const xml = `<?xml version="1.0"?><schedule><conference><title>Extra</title></conference>
    <day index="1" date="2031-01-01"><room name="Main Stage">
      <event guid="e2e-import-1" id="1"><date>2031-01-01T10:00:00</date><duration>00:30</duration><room>Main Stage</room>
        <title>Imported from frab</title><type>lecture</type><persons><person id="900">Frieda Frab</person></persons></event>
    </room></day></schedule>`;
  const upload = async () => {
    await page.getByLabel("Schedule file").setInputFiles({ name: "schedule.xml", mimeType: "application/xml", buffer: Buffer.from(xml) });
    await page.getByRole("button", { name: "Import schedule" }).click();
  };
  await upload();
  const talksRow = page.getByRole("row", { name: /^Talks/ });
  await expect(talksRow).toHaveText(/Talks\s*1\s*0\s*0/);
  await expect(page.getByText(/The export names no time zone: 1 time without an offset was read in the conference's zone/)).toBeVisible();
  await upload();
  await expect(talksRow).toHaveText(/Talks\s*0\s*0\s*1/);

  // Clean up for the other specs: delete the imported talk from its edit page.
  await page.goto("/plenary-summit/admin/schedule?day=2031-01-01");
  await page.getByRole("link", { name: "Imported from frab" }).click();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete talk" }).click();
  await expect(page).toHaveURL(/\/admin\/schedule\?day=2031-01-01/);
  await expect(page.getByRole("link", { name: "Imported from frab" })).toHaveCount(0);
  await page.goto("/plenary-summit/admin/speakers");
  await page.getByRole("link", { name: "Frieda Frab" }).click();
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Delete speaker" }).click();
  await expect(page).toHaveURL(/\/admin\/speakers$/);
  await expect(page.getByRole("link", { name: "Frieda Frab" })).toHaveCount(0);
});

test("an attendee cannot open the admin area or call its API", async ({ page }) => {
  await signIn(page, ACCOUNTS.attendee);
  for (const path of ["/plenary-summit/admin", "/plenary-summit/admin/schedule", "/plenary-summit/admin/import", "/plenary-summit/admin/speakers"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { name: /organizers only/i })).toBeVisible();
  }
  const api = await page.request.post("/api/conferences/plenary-summit/admin/schedule/talks", { data: { title: "Nope" } });
  expect(api.status()).toBe(403);
  expect((await page.request.post("/api/conferences/plenary-summit/admin/import", { data: { source: "{}" } })).status()).toBe(403);
});
