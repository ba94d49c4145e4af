// The keyboard alone, in real Chromium with the real guest: from the home page to a lesson, into
// its terminal, a passed exercise, and out of the terminal again with Esc then Tab. The focus can
// be seen at every stop on the way. Then axe audits the lesson with its machine ready.

import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { focused, tabTo } from "./keyboard";
import { expectOutputAfter, READY_TIMEOUT, terminalText } from "./terminal";

const LESSON = "docker-desktop";
const EXERCISE = "server-platform"; // one docker call, no image to pull

test.use({ serviceWorkers: "block" });

test("home page to a passed exercise with no mouse, leaving the terminal with Esc then Tab", async ({ page }, testInfo) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.goto("/en/");
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("data-theme-current", /light|dark/);

  // The skip link comes first, then the header: its Lessons link opens the lesson index.
  const skip = await tabTo(page, () => true);
  expect(skip.text).toBe("Skip to content");
  await tabTo(page, (f) => f.href === "/en/learn/");
  await page.keyboard.press("Enter");
  await page.waitForURL("**/en/learn/");
  await tabTo(page, (f) => f.href === `/en/learn/${LESSON}/`);
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/en/learn/${LESSON}/`);

  // The lesson's own skip button takes the keyboard past the lesson text, into the terminal.
  await tabTo(page, (f) => f.testId === "skip-to-terminal");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await focused(page)).isTerminal).toBe(true);

  const pane = page.getByTestId("terminal-pane");
  await expect(pane).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await expect(page.getByTestId("status-announcer")).toHaveText("Ready");
  expect((await focused(page)).isTerminal, "the terminal kept the focus while the machine started").toBe(true);
  // Once the machine is ready, the terminal says how to leave it (and, after a few seconds, no more).
  await expect(page.getByTestId("leave-hint")).toHaveText("Esc then Tab: leave the terminal");
  await expect(page.getByTestId("leave-hint")).toHaveCount(0, { timeout: 10_000 });

  // Tab belongs to the shell in here: it completes `ech` to `echo `.
  let before = (await terminalText(page)).length;
  await page.keyboard.type("ech");
  await page.keyboard.press("Tab");
  await page.keyboard.type("completed-by-tab\n");
  await expectOutputAfter(page, before, /^completed-by-tab\s*$/m, 60_000);
  expect((await focused(page)).isTerminal).toBe(true);

  // The exercise, solved by typing; nobody presses Check.
  const exercise = page.getByTestId(`exercise-${EXERCISE}`);
  await expect(exercise).toHaveAttribute("data-state", "pending");
  before = (await terminalText(page)).length;
  await page.keyboard.type("docker version --format '{{.Server.Os}}/{{.Server.Arch}}' > /root/server-platform.txt; cat /root/server-platform.txt\n", { delay: 5 });
  await expectOutputAfter(page, before, /^linux\/386\s*$[\s\S]*root@lab:~# $/m);
  await expect(exercise).toHaveAttribute("data-state", "passed", { timeout: 120_000 });
  await expect(page.getByTestId("pass-announcer")).toHaveText("Exercise passed: Write down the server's platform");

  // Esc, then Tab: the focus leaves the terminal, and neither key reached the shell.
  const shellBefore = await terminalText(page);
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("leave-hint")).toHaveAttribute("data-armed", "true");
  await page.keyboard.press("Tab");
  const outside = await focused(page);
  expect(outside.isTerminal, `focus moved to ${outside.tag} "${outside.text}"`).toBe(false);
  expect(outside.visible).toBe(true);
  expect(outside.tag).not.toBe("body");
  await page.screenshot({ path: testInfo.outputPath("left-the-terminal.png") });
  await page.waitForTimeout(2500); // past the Esc's window: had it been held and sent, the shell would show it now
  expect(await terminalText(page)).toBe(shellBefore);

  // Shift+Tab goes back in; the shell takes the next line as it is (no Esc waiting in front of it).
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page)).isTerminal).toBe(true);
  before = (await terminalText(page)).length;
  await page.keyboard.type("echo back-in-the-terminal\n");
  await expectOutputAfter(page, before, /^back-in-the-terminal\s*$[\s\S]*root@lab:~# $/m, 60_000);

  // A lone Esc still reaches the shell after its moment (here: Esc then "." inserts the last word).
  before = (await terminalText(page)).length;
  await page.keyboard.type("echo last-word-here\n");
  await expectOutputAfter(page, before, /^last-word-here\s*$/m, 60_000);
  before = (await terminalText(page)).length;
  await page.keyboard.type("echo ");
  await page.keyboard.press("Escape");
  await page.keyboard.press(".");
  await page.keyboard.press("Enter");
  await expectOutputAfter(page, before, /echo last-word-here\s*\n^last-word-here\s*$/m, 60_000);

  // The lesson with its machine ready, audited in both themes.
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    console.log(`axe, lesson ${LESSON} ready, ${theme}: ${results.violations.length} violations${results.violations.map((v) => ` ${v.id}`).join("")}`);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
