// checkVerdictMs for bench:web: how long a learner waits, after the prompt returns from a command
// that solves an exercise, for the exercise to show "Passed". One fresh machine walks the lessons
// in order (client-side navigation keeps the machine), typing each chosen exercise's solution.
// Both moments are taken in the page, on its clock: the prompt by a 20 ms poll of the terminal,
// the mark by a MutationObserver. (Timed from Node, the wait for the mark also counted
// Playwright's polling back-off, 0.2-0.5 s.)

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import type { Page } from "playwright-core";
import { newContext, terminalText, waitReady } from "./bench-browser";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Exercises whose solution is a command or two a learner types, in course order (lesson folder, exercise id). */
export const VERDICT_EXERCISES: ReadonlyArray<readonly [string, string]> = [
  ["01-virtualization", "own-hostname"],
  ["02-docker-desktop", "hello-world"],
  ["03-concepts", "writable-layer"],
  ["04-pull", "pull-by-address"],
  ["04-pull", "pull-tag"],
  ["06-tag", "tag-greeting"],
  ["08-lifecycle", "run-clock"],
  ["10-volumes", "keep-diary"],
];

/** The solution script as one line a learner could type: its commands joined by &&. */
export function solutionLine(lessonDir: string, exerciseId: string): string {
  const script = readFileSync(path.join(root, "content", lessonDir, "exercises", exerciseId, "solution.sh"), "utf8");
  return script
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#") && line !== "set -e")
    .join(" && ");
}

const slugOf = (lessonDir: string) => lessonDir.replace(/^\d+-/, "");

export async function measureCheckVerdicts(browser: Browser, base: string, log: (...args: unknown[]) => void) {
  const context = await newContext(browser);
  const page = await context.newPage();
  const verdicts: Array<{ exercise: string; ms: number }> = [];
  try {
    await page.goto(`${base}/en/learn/${slugOf(VERDICT_EXERCISES[0][0])}/`);
    await waitReady(page);
    for (const [lessonDir, exerciseId] of VERDICT_EXERCISES) {
      const slug = slugOf(lessonDir);
      // The "next lesson" link, not page.goto: the lessons share one machine only across
      // client-side navigation, and a lesson links only to its neighbours.
      while (!page.url().endsWith(`/en/learn/${slug}/`)) {
        const from = page.url();
        await page.getByTestId("next-lesson").click();
        await page.waitForURL((url) => url.href !== from);
      }
      const exercise = page.getByTestId(`exercise-${exerciseId}`);
      if ((await exercise.getAttribute("data-state")) !== "pending") throw new Error(`${exerciseId} is passed before its solution`);
      await page.getByTestId("terminal").click();
      const ms = await timeVerdict(page, exerciseId, solutionLine(lessonDir, exerciseId));
      verdicts.push({ exercise: exerciseId, ms });
      log(`verdict ${exerciseId}: ${verdicts.at(-1)!.ms} ms after the prompt`);
    }
  } finally {
    await context.close();
  }
  return verdicts;
}

/** Types `command`, and returns the page's milliseconds from the prompt's return to "Passed". */
async function timeVerdict(page: Page, exerciseId: string, command: string): Promise<number> {
  await page.evaluate((id) => {
    const w = window as unknown as { __dblPassedAt?: number };
    delete w.__dblPassedAt;
    const card = document.querySelector(`[data-testid=exercise-${id}]`)!;
    const observer = new MutationObserver(() => {
      if (card.getAttribute("data-state") !== "passed") return;
      w.__dblPassedAt = performance.now();
      observer.disconnect();
    });
    observer.observe(card, { attributes: true, attributeFilter: ["data-state"] });
  }, exerciseId);
  const before = (await terminalText(page)).length;
  await page.keyboard.type(command);
  await page.keyboard.press("Enter");
  await page.waitForFunction(
    (from) => {
      const w = window as unknown as { __dblTerminalText?: () => string; __dblPromptAt?: number };
      if (!/root@lab:~# $/m.test((w.__dblTerminalText?.() ?? "").slice(from))) return false;
      w.__dblPromptAt = performance.now();
      return true;
    },
    before,
    { timeout: 300_000, polling: 20 },
  );
  const handle = await page.waitForFunction(
    () => {
      const w = window as unknown as { __dblPassedAt?: number; __dblPromptAt?: number };
      return w.__dblPassedAt === undefined ? false : w.__dblPassedAt - (w.__dblPromptAt ?? 0);
    },
    null,
    { timeout: 120_000, polling: 100 },
  );
  return Math.round(Math.max(0, (await handle.jsonValue()) as number));
}
