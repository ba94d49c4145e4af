// checkVerdictMs for bench:web: how long a learner waits, after the prompt returns from a command
// that solves an exercise, for the exercise to show "Passed". One fresh machine walks the lessons
// in order (client-side navigation keeps the machine), typing each chosen exercise's solution.

import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { newContext, runCommand, waitReady } from "./bench-browser";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Exercises whose solution is a command or two a learner types, in course order (lesson folder, exercise id). */
export const VERDICT_EXERCISES: ReadonlyArray<readonly [string, string]> = [
  ["01-virtualization", "own-hostname"],
  ["02-docker-desktop", "hello-world"],
  ["03-concepts", "writable-layer"],
  ["04-pull", "pull-by-address"],
  ["04-pull", "pull-tag"],
  ["06-tag", "tag-greeting"],
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
      await runCommand(page, solutionLine(lessonDir, exerciseId), /root@lab:~# $/);
      const promptBack = Date.now();
      await exercise.and(page.locator("[data-state=passed]")).waitFor({ timeout: 120_000 });
      verdicts.push({ exercise: exerciseId, ms: Date.now() - promptBack });
      log(`verdict ${exerciseId}: ${verdicts.at(-1)!.ms} ms after the prompt`);
    }
  } finally {
    await context.close();
  }
  return verdicts;
}
