// The terminal for a screen reader, in real Chromium with the real guest: with screen-reader mode
// on, the output's lines are in the accessibility tree (xterm's own list of rows), and the live
// region says the machine's status changes: Ready, Working, Docker restarting, Ready again.

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectOutputAfter, READY_TIMEOUT, terminalText } from "./terminal";

test.use({ serviceWorkers: "block" });

/** The terminal as the accessibility tree has it (what a screen reader reads). */
const terminalTree = (page: Page) => page.getByTestId("terminal").ariaSnapshot();

/** Everything the status live region said, in order, from the time this was called. */
async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const region = document.querySelector("[data-testid=status-announcer]")!;
    const said: string[] = ((window as any).__said = []);
    new MutationObserver(() => region.textContent && said.push(region.textContent)).observe(region, { childList: true, characterData: true, subtree: true });
  });
  return () => page.evaluate(() => (window as any).__said as string[]);
}

test("screen-reader mode puts the output's lines in the accessibility tree; status changes are announced", async ({ page }, testInfo) => {
  await page.goto("/en/play/");
  const pane = page.getByTestId("terminal-pane");
  await expect(pane).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await expect(page.getByTestId("status-announcer")).toHaveText("Ready");
  await page.getByTestId("terminal").click();

  // Without the mode, the rows are drawn only: nothing of them in the tree.
  let before = (await terminalText(page)).length;
  await page.keyboard.type("echo sr-plain-line\n");
  await expectOutputAfter(page, before, /^sr-plain-line\s*$/m, 60_000);
  expect(await terminalTree(page)).not.toContain("sr-plain-line");

  const toggle = page.getByTestId("screen-reader-toggle");
  await expect(toggle).toHaveAccessibleName("Screen reader mode");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("terminal").click();
  before = (await terminalText(page)).length;
  await page.keyboard.type('for i in 1 2 3; do echo "sr-line-$i"; done\n');
  await expectOutputAfter(page, before, /^sr-line-3\s*$/m, 60_000);
  // Each output line is a list item a screen reader can move through and read.
  await expect.poll(() => terminalTree(page), { timeout: 10_000 }).toMatch(/listitem: sr-line-1\s*\n[\s\S]*listitem: sr-line-2\s*\n[\s\S]*listitem: sr-line-3/);
  const items = page.getByTestId("terminal").getByRole("listitem").filter({ hasText: /^sr-line-\d\s*$/ });
  await expect(items).toHaveCount(3);
  console.log((await terminalTree(page)).split("\n").filter((l) => /sr-line|echo/.test(l)).join("\n"));

  // The mode is kept for the next visit.
  await page.reload();
  await expect(page.getByTestId("screen-reader-toggle")).toHaveAttribute("aria-pressed", "true");
  await expect(pane).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();

  // A command that takes a while: "Working…", then "Ready" again.
  const said = await recordAnnouncements(page);
  await page.keyboard.type("sleep 4\n");
  await expect.poll(said, { timeout: 30_000 }).toContain("Working…");
  await expect(page.getByTestId("status-announcer")).toHaveText("Ready", { timeout: 30_000 });

  // Docker dies and comes back by itself: "Docker is restarting…", then "Ready".
  before = (await terminalText(page)).length;
  await page.keyboard.type("kill -9 $(pidof dockerd); echo killed\n");
  await expectOutputAfter(page, before, /^killed\s*$/m, 60_000);
  await expect.poll(said, { timeout: 180_000, intervals: [500] }).toContain("Docker is restarting…");
  await expect(page.getByTestId("health-banner")).toHaveAttribute("data-health", "docker-restarting");
  await page.screenshot({ path: testInfo.outputPath("docker-restarting.png") });
  await expect(page.getByTestId("health-banner")).toHaveCount(0, { timeout: 300_000 });
  await expect(page.getByTestId("status-announcer")).toHaveText("Ready");
  const heard = await said();
  console.log(`announced: ${heard.join(" | ")}`);
  expect(heard.slice(heard.indexOf("Docker is restarting…"))).toContain("Ready");

  // In this mode, with the machine ready, the page passes axe in both themes.
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    console.log(`axe, play ready in screen-reader mode, ${theme}: ${results.violations.length} violations${results.violations.map((v) => ` ${v.id}`).join("")}`);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
