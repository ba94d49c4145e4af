// Shared by the e2e specs: read the real xterm buffer and wait for a command's output.

import { expect, type Page } from "@playwright/test";

/** The first container after a resume runs with everything cold (docs/performance.md). */
export const READY_TIMEOUT = 300_000;
export const COMMAND_TIMEOUT = 420_000;

export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as any).__dblTerminalText?.() ?? "");
}

/** Waits until what the terminal printed after `from` characters matches `expected`. */
export async function expectOutputAfter(page: Page, from: number, expected: RegExp, timeout = COMMAND_TIMEOUT) {
  await expect
    .poll(async () => (await terminalText(page)).slice(from), { timeout, intervals: [250, 500] })
    .toMatch(expected);
}

/** Types a command line as a person would, waits for its output and the next prompt, and logs how long that took. */
export async function typeCommand(page: Page, command: string, expected: RegExp): Promise<string> {
  const before = (await terminalText(page)).length;
  const started = Date.now();
  await page.keyboard.type(command, { delay: 5 });
  await page.keyboard.press("Enter");
  await expectOutputAfter(page, before, expected);
  console.log(`  $ ${command}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return (await terminalText(page)).slice(before);
}
