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
