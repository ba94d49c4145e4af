// A phone, 390x844 with touch, in real Chromium with the real guest: the lesson page switches
// between the lesson and its terminal with tabs and keeps the machine as it is; the key row under
// the terminal gives Ctrl (Ctrl then C stops a command), Tab (completes) and the rest; the
// terminal refits when the touch keyboard opens and closes.
//
// Headless Chromium shows no touch keyboard, so its effect on the page is played: the visual
// viewport (what the page's code reads) is made shorter by a keyboard's height, as Safari on iOS
// does, and gets its height back when the keyboard closes.

import { expect, test, type Page } from "@playwright/test";
import { expectOutputAfter, READY_TIMEOUT, terminalText } from "./terminal";

const LESSON = "pull";

test.use({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  serviceWorkers: "block",
});

/** A visual viewport the test can shorten, in place of the browser's, before the page's code runs. */
async function playableKeyboard(page: Page) {
  await page.addInitScript(() => {
    const real = window.visualViewport!;
    const fake = new EventTarget() as EventTarget & Record<string, unknown>;
    let covered = 0;
    for (const key of ["width", "offsetLeft", "pageLeft", "pageTop", "scale"] as const) {
      Object.defineProperty(fake, key, { get: () => (real as unknown as Record<string, number>)[key] });
    }
    Object.defineProperty(fake, "height", { get: () => real.height - covered });
    Object.defineProperty(fake, "offsetTop", { get: () => real.offsetTop });
    Object.defineProperty(window, "visualViewport", { get: () => fake, configurable: true });
    (window as any).__dblKeyboard = (px: number) => {
      covered = px;
      fake.dispatchEvent(new Event("resize"));
    };
  });
}

/** Runs `stty size` in the guest and returns [rows, cols]. */
async function guestSize(page: Page): Promise<[number, number]> {
  const before = (await terminalText(page)).length;
  await page.keyboard.type("stty size\n");
  await expectOutputAfter(page, before, /^\d+ \d+\s*$[\s\S]*# $/m, 60_000);
  const [, rows, cols] = (await terminalText(page)).slice(before).match(/^(\d+) (\d+)\s*$/m)!;
  return [Number(rows), Number(cols)];
}

test("on a phone: lesson and terminal tabs keep the machine; the key row's Ctrl, Tab and arrows work; the terminal refits around the keyboard", async ({ page }, testInfo) => {
  await playableKeyboard(page);
  await page.goto(`/en/learn/${LESSON}/`);
  const tabs = page.getByTestId("lesson-tabs");
  await expect(tabs).toBeVisible();
  await expect(page.getByTestId("lesson-tab-lesson")).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("lesson").locator("article h1")).toBeVisible();
  await expect(page.getByTestId("terminal-pane")).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath("phone-lesson.png") });

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting images");

  await page.getByTestId("lesson-tab-terminal").tap();
  await expect(page.getByTestId("lesson-tab-terminal")).toHaveAttribute("aria-selected", "true");
  const pane = page.getByTestId("terminal-pane");
  await expect(pane).toBeVisible();
  // The lesson's h1 went with its text: the terminal's half names the page for a screen reader.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting images: terminal");
  await expect(pane).toHaveAttribute("data-status", "ready", { timeout: READY_TIMEOUT });
  await expect.poll(() => terminalText(page), { timeout: 60_000 }).toMatch(/root@lab:~# $/m);

  // No key row until the terminal has the focus (the touch keyboard opens with it).
  await expect(page.getByTestId("key-row")).toHaveCount(0);
  await page.getByTestId("terminal").tap();
  const keys = page.getByTestId("key-row");
  await expect(keys).toBeVisible();
  await expect(keys.getByRole("button")).toHaveText(["Ctrl", "Esc", "Tab", "←", "↑", "↓", "→", "|", "-", "/"]);
  // The row's keys fit the phone's width, and no hint about leaving with Tab covers the output.
  for (const key of await keys.getByRole("button").all()) {
    expect(await key.evaluate((el) => el.scrollWidth <= el.clientWidth), await key.innerText()).toBe(true);
  }
  await expect(page.getByTestId("leave-hint")).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("phone-terminal-keys.png") });

  // Ctrl then C (the letter as typed on the touch keyboard) stops `sleep 100`.
  let before = (await terminalText(page)).length;
  await page.keyboard.type("sleep 100\n");
  await expect(pane).toHaveAttribute("data-busy", "true", { timeout: 30_000 });
  await keys.getByTestId("key-ctrl").tap();
  await expect(keys.getByTestId("key-ctrl")).toHaveAttribute("aria-pressed", "true");
  const stopped = Date.now();
  await page.keyboard.type("c");
  // (The shell is back at its prompt: the sleep was stopped. Whether ^C is echoed is the tty's choice.)
  await expectOutputAfter(page, before, /sleep 100\s*\n[\s\S]*root@lab:~# $/, 30_000);
  await expect(pane).toHaveAttribute("data-busy", "false");
  expect(Date.now() - stopped, "stopped at once, not after 100 s").toBeLessThan(30_000);
  await expect(keys.getByTestId("key-ctrl")).toHaveAttribute("aria-pressed", "false");

  // Tab completes `doc` to `docker`, and the focus stays in the terminal (the keyboard stays open).
  await page.keyboard.type("doc");
  await keys.getByTestId("key-tab").tap();
  const lastLine = async () => (await terminalText(page)).split("\n").at(-1);
  await expect.poll(lastLine, { timeout: 30_000 }).toMatch(/^root@lab:~# docker\s*$/);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
  // Ctrl then U clears the line; the pipe and the dash come from the row.
  await keys.getByTestId("key-ctrl").tap();
  await page.keyboard.type("u");
  before = (await terminalText(page)).length;
  await page.keyboard.type("echo a-b ");
  await keys.getByTestId("key-pipe").tap();
  await page.keyboard.type(" tr ab AB\n");
  await expectOutputAfter(page, before, /^A-B\s*$[\s\S]*# $/m, 30_000);
  // The up arrow brings that command back.
  before = (await terminalText(page)).length;
  await keys.getByTestId("key-up").tap();
  await page.keyboard.press("Enter");
  await expectOutputAfter(page, before, /echo a-b \| tr ab AB\s*\n^A-B\s*$/m, 30_000);

  // The touch keyboard opens: the terminal gets shorter, the guest is told, the key row stays.
  const open = await guestSize(page);
  await page.evaluate(() => (window as any).__dblKeyboard(320));
  await expect(page.locator("html")).toHaveAttribute("data-keyboard", "open");
  await expect.poll(async () => (await guestSize(page))[0], { timeout: 30_000 }).toBeLessThan(open[0]);
  await expect(keys).toBeInViewport();
  await page.screenshot({ path: testInfo.outputPath("phone-keyboard-open.png") });
  await page.evaluate(() => (window as any).__dblKeyboard(0));
  await expect.poll(async () => (await guestSize(page))[0], { timeout: 30_000 }).toBe(open[0]);

  // Switching to the lesson and back: the same terminal, the same machine, the shell where it was.
  before = (await terminalText(page)).length;
  await page.keyboard.type("cd /tmp && touch phone-mark && echo marked\n");
  await expectOutputAfter(page, before, /^marked\s*$/m, 30_000);
  await page.evaluate(() => ((window as any).__terminalInput = document.querySelector("[data-testid=terminal] textarea")));
  await page.getByTestId("lesson-tab-lesson").tap();
  await expect(pane).toBeHidden();
  await expect(page.getByTestId("lesson").locator("article h1")).toBeVisible();
  await page.waitForTimeout(2_000);
  await page.getByTestId("lesson-tab-terminal").tap();
  await expect(pane).toBeVisible();
  await expect(pane).toHaveAttribute("data-status", "ready");
  expect(await page.evaluate(() => (window as any).__terminalInput === document.querySelector("[data-testid=terminal] textarea")), "the terminal was not made again").toBe(true);
  expect(await terminalText(page)).toContain("marked");
  await page.getByTestId("terminal").tap();
  before = (await terminalText(page)).length;
  await page.keyboard.type("pwd; ls phone-mark\n");
  await expectOutputAfter(page, before, /^\/tmp\s*$\n^phone-mark\s*$/m, 30_000);

  // A Run button in the lesson types into the terminal and shows it.
  await page.getByTestId("lesson-tab-lesson").tap();
  before = (await terminalText(page)).length;
  const run = page.getByTestId("run-button").first();
  const command = (await run.getAttribute("aria-label"))!.replace(/^Run in the terminal: /, "").split("\n")[0];
  await run.tap();
  await expect(page.getByTestId("lesson-tab-terminal")).toHaveAttribute("aria-selected", "true");
  await expect.poll(async () => (await terminalText(page)).slice(before), { timeout: 30_000 }).toContain(command);
  await page.screenshot({ path: testInfo.outputPath("phone-after-run.png") });
});
