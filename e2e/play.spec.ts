// The sandbox page against the real guest: resume the snapshot in Chromium, type real docker
// commands with the keyboard, and read them back from xterm's own buffer.

import { expect, test, type Page } from "@playwright/test";
import { expectOutputAfter, READY_TIMEOUT, terminalText, typeCommand } from "./terminal";

/**
 * Looping CSS animations running on the page. Each has the browser composite 60 frames a second,
 * CPU the emulator needs: the boot screen and the busy indicator count seconds instead.
 */
const loopingAnimations = (page: Page) =>
  page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => a.playState === "running" && a.effect?.getTiming().iterations === Infinity)
      .map((a) => String((a.effect as KeyframeEffect | null)?.target?.getAttribute("class") ?? a.constructor.name)),
  );

async function openReadySandbox(page: Page) {
  await page.goto("/en/play/");
  const pane = page.getByTestId("terminal-pane");
  await expect(pane).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();
}

test("the sandbox resumes the machine and runs real docker commands", async ({ page }, testInfo) => {
  await page.goto("/en/play/");
  await expect(page.getByTestId("boot-screen")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("boot-screen.png") });
  // Looked for through every step of the start, until the machine is ready.
  const pane = page.getByTestId("terminal-pane");
  const looping = new Set<string>();
  for (const deadline = Date.now() + READY_TIMEOUT; (await pane.getAttribute("data-status")) !== "ready"; ) {
    if (Date.now() > deadline) throw new Error("the machine was not ready in time");
    for (const name of await loopingAnimations(page)) looping.add(name);
    await page.waitForTimeout(200);
  }
  expect([...looping]).toEqual([]);
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/root@lab:~# $/m);
  await page.getByTestId("terminal").click();

  const beforeRun = (await terminalText(page)).length;
  await page.keyboard.type("docker run --rm busybox echo hello-from-container\n");
  await expect(page.getByTestId("busy-indicator")).toHaveText(/\d+ s$/, { timeout: 60_000 });
  expect(await loopingAnimations(page)).toEqual([]);
  await expectOutputAfter(page, beforeRun, /^hello-from-container\s*$[\s\S]*root@lab:~# $/m);
  await typeCommand(page, "docker images", /REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE[\s\S]*busybox\s+latest[\s\S]*root@lab:~# $/m);
  await page.screenshot({ path: testInfo.outputPath("ready-terminal.png") });
});

test("resizing the window reaches the guest", async ({ page }) => {
  await openReadySandbox(page);
  await typeCommand(page, "stty size", /^\d+ \d+\s*$[\s\S]*# $/m);
  const sizeBefore = (await terminalText(page)).match(/^(\d+) (\d+)\s*$/m)!.slice(1).map(Number);

  await page.setViewportSize({ width: 900, height: 600 });
  // The guest is told after a short debounce; ask until the answer changes.
  await expect
    .poll(
      async () => {
        const before = (await terminalText(page)).length;
        await page.keyboard.type("stty size\n");
        await page.waitForTimeout(1_500);
        const answer = (await terminalText(page)).slice(before).match(/^(\d+) (\d+)\s*$/m);
        return answer ? answer.slice(1).map(Number) : sizeBefore;
      },
      { timeout: 60_000, intervals: [500] },
    )
    .not.toEqual(sizeBefore);
  const [rows, cols] = (await terminalText(page)).match(/^(\d+) (\d+)\s*$(?![\s\S]*^\d+ \d+\s*$)/m)!.slice(1).map(Number);
  expect(cols).toBeLessThan(sizeBefore[1]);
  expect(rows).toBeLessThan(sizeBefore[0]);
});

test("a pasted three-line script runs all three lines", async ({ page }) => {
  await openReadySandbox(page);
  const before = (await terminalText(page)).length;
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData("text/plain", "echo first-line\necho second-line\necho third-line\n");
    const target = document.querySelector("[data-testid=terminal] textarea")!;
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  // bash takes a paste as one bracketed block (bash 5.2 enables bracketed paste): the lines run
  // when Enter is pressed, as in any modern terminal.
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/echo third-line/);
  await page.keyboard.press("Enter");
  await expectOutputAfter(page, before, /^first-line\s*$[\s\S]*^second-line\s*$[\s\S]*^third-line\s*$/m, 60_000);
});

test.describe("a damaged download", () => {
  // The part is damaged on its way to the emulator's worker; the service worker would fetch it itself.
  test.use({ serviceWorkers: "block" });

  test("a damaged part of the saved machine is refused, naming the part", async ({ page }) => {
    await page.context().route("**/state/state-1.bin.zst", async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      body[body.length >> 1] ^= 0xff;
      await route.fulfill({ response, body });
    });
    await page.goto("/en/play/");
    await expect(page.getByTestId("sandbox-error-reason")).toContainText("state/state-1.bin.zst", { timeout: READY_TIMEOUT });
  });
});
