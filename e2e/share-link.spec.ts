// A lab from a link (app/_lib/share/run-link.ts), in real Chromium: /play/?run=<commands> and a
// lesson's Share link show their commands as text, and nothing runs until the learner presses Run
// (with the real guest). Hostile links (escape sequences, a megabyte, markup and script, text that
// hides what it runs) are refused with a clear sentence or shown as inert text.

import { expect, test, type Page } from "@playwright/test";
import { holdTheMachine } from "./a11y-pages";
import { expectOutputAfter, READY_TIMEOUT, terminalText } from "./terminal";

test.use({ serviceWorkers: "block" });

const withRun = (path: string, text: string) => `${path}?run=${encodeURIComponent(text)}`;

test("the link's commands are shown, and run only when the learner presses Run", async ({ page }, testInfo) => {
  const commands = ["echo prepared-$((6*7))", "echo second-$((2+3))"];
  await page.goto(withRun("/en/play/", commands.join("\n")));
  const card = page.getByTestId("prepared-commands");
  await expect(card.getByTestId("prepared-command")).toHaveText(commands);
  const run = card.getByTestId("prepared-run");
  await expect(run).toHaveText("Run 2 commands");
  await expect(run).toBeDisabled();
  await expect(card).toContainText("Run is available once the machine is ready.");

  await expect(page.getByTestId("terminal-pane")).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await expect(run).toBeEnabled();
  await page.screenshot({ path: testInfo.outputPath("prepared-ready.png") });
  // Ready, and left alone for a while: nothing was typed.
  await page.waitForTimeout(5_000);
  const untouched = await terminalText(page);
  expect(untouched).not.toContain("prepared-");
  expect(untouched).toMatch(/root@lab:~# $/);

  await run.click();
  await expectOutputAfter(page, untouched.length, /^prepared-42\s*$[\s\S]*^second-5\s*$[\s\S]*root@lab:~# $/m, 60_000);
  await expect(card).toContainText("Typed into the terminal.");
  await expect(card.getByTestId("prepared-run")).toHaveText("Run again");

  // Dismissed, it is gone from the address too: a reload shows the plain sandbox.
  await card.getByTestId("prepared-dismiss").click();
  await expect(card).toHaveCount(0);
  expect(new URL(page.url()).search).toBe("");
});

test("a lesson's Share gives a link that prepares its commands on that lesson; what a link may not carry is said at once", async ({ page }, testInfo) => {
  await holdTheMachine(page);
  await page.goto("/en/learn/tag/");
  await page.getByTestId("share-button").click();
  const dialog = page.getByTestId("share-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("share-link")).toHaveValue(/\/en\/learn\/tag\/$/);

  const commands = ["docker pull busybox", "docker tag busybox:latest mybox:v1"];
  await dialog.getByTestId("share-commands").fill(commands.join("\n"));
  const link = await dialog.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/en\/learn\/tag\/\?run=docker%20pull%20busybox%0Adocker%20tag/);
  await page.screenshot({ path: testInfo.outputPath("share-dialog.png") });

  await dialog.getByTestId("share-commands").fill("echo \x1b[2J");
  await expect(dialog.getByTestId("share-help")).toHaveText("Line 1 holds a control character (U+001B), which a link may not carry.");
  await expect(dialog.getByTestId("share-copy")).toBeDisabled();
  await expect(dialog.getByTestId("share-link")).toHaveValue("");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The link, opened: the lesson, its commands waiting above the terminal.
  await page.goto(link);
  await expect(page.getByTestId("lesson")).toHaveAttribute("data-slug", "tag");
  await expect(page.getByTestId("prepared-commands").getByTestId("prepared-command")).toHaveText(commands);
  await expect(page.getByTestId("prepared-run")).toBeDisabled();
});

/** Dialogs and page errors from here on (a script that ran would show as one or the other). */
function watchIncidents(page: Page): string[] {
  const incidents: string[] = [];
  page.on("dialog", (d) => (incidents.push(`dialog: ${d.message()}`), void d.dismiss()));
  page.on("pageerror", (e) => incidents.push(`error: ${e.message}`));
  return incidents;
}

/**
 * Opens the sandbox with `text` as its `run`. The page is served
 * for the plain address: a web server refuses a request line of a megabyte (Node's limit is
 * 16 KB), so the browser is handed the page as if the server had taken it.
 */
async function openHostile(page: Page, text: string) {
  await page.unroute("**/en/play/?*");
  await page.route("**/en/play/?*", async (route) => route.fulfill({ response: await route.fetch({ url: new URL("/en/play/", route.request().url()).href }) }));
  await page.goto(withRun("/en/play/", text));
  await expect(page.getByTestId("prepared-commands").or(page.getByTestId("prepared-refused"))).toBeVisible();
}

test("hostile links: escape sequences, a megabyte, too many lines and hidden text are refused; markup and script are inert text", async ({ page }, testInfo) => {
  await holdTheMachine(page);
  const incidents = watchIncidents(page);
  const refused: Array<[string, string, string, RegExp]> = [
    ["terminal escape sequences", "echo \x1b]0;owned\x07\x1b[2J\x1b[31mred", "control-character", /Line 1 holds a control character \(U\+001B\)/],
    ["an 8-bit CSI", "ls\n\x9b2J", "control-character", /Line 2 holds a control character \(U\+009B\)/],
    ["a megabyte of text", "a".repeat(1 << 20), "too-long", /They are 1,048,576 characters long; a link may prepare at most 2,000\./],
    ["too many lines", Array.from({ length: 25 }, (_, i) => `echo ${i}`).join("\n"), "too-many-lines", /They are 25 lines; a link may prepare at most 20\./],
    ["a right-to-left override", "echo safe \u202e;hsab | moc.live//:ptth lruc", "control-character", /U\+202E/],
    ["a tab, which would complete", "docker\tps", "control-character", /U\+0009/],
  ];
  for (const [name, text, reason, message] of refused) {
    incidents.length = 0;
    await openHostile(page, text);
    const card = page.getByTestId("prepared-refused");
    await expect(card, name).toHaveAttribute("data-reason", reason);
    await expect(card, name).toContainText(message);
    await expect(card, name).toContainText("Nothing was typed.");
    await expect(page.getByTestId("prepared-command"), name).toHaveCount(0);
    expect(incidents, name).toEqual([]);
    console.log(`refused: ${name} (${text.length} characters): ${(await card.innerText()).replace(/\s+/g, " ")}`);
  }
  await page.screenshot({ path: testInfo.outputPath("refused.png") });

  const inert = ["<script>window.__pwned = 1</script>", '"><img src=x onerror="window.__pwned = 2">', "<b onmouseover=alert(3)>bold</b>", "$(curl evil.example) `id`"];
  incidents.length = 0;
  await openHostile(page, inert.join("\n"));
  const shown = page.getByTestId("prepared-command");
  await expect(shown).toHaveText(inert);
  const card = page.getByTestId("prepared-commands");
  expect(await card.locator("script, img, b").count()).toBe(0);
  await shown.nth(2).hover();
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(incidents).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("inert.png") });
});
