// npm run content:check [-- --content DIR] [-- --guest [--only id,id]]
//
// Stage 1 (always): validate every lesson in content/ — frontmatter schema, both languages,
// exercise scripts, unique ids — and print a line per file. Exits 1 naming file and field.
//
// Stage 2 (--guest): boot the real guest in Node (createNodeSandbox from emulator/node.ts) and
// walk the course as a learner does: every check fails on a fresh machine, still fails on arrival
// (after the earlier lessons and its own lesson's Run blocks), and passes after its solution.
// With --only, just the chosen exercises, each on a fresh machine (fails, then passes after its
// solution). The emulator module is imported only for this stage, so stage 1 works without it.

import path from "node:path";
import { pathToFileURL } from "node:url";
import { runCourseInGuest, runExerciseInGuest, type ExerciseRunResult } from "../app/_lib/exercises/prove-in-guest";
import { formatProblem, validateContent, type LoadedContent } from "../app/_lib/content/loader";
import { runBlocks } from "../app/_lib/content/markdown";
import type { Sandbox } from "../emulator/node";

export interface CheckOptions {
  contentDir: string;
  guest: boolean;
  only: string[] | null;
  log: (line: string) => void;
}

const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: number, s: string) => (useColor ? `\x1b[${code}m${s}\x1b[0m` : s);
const green = (s: string) => paint(32, s);
const red = (s: string) => paint(31, s);
const dim = (s: string) => paint(2, s);

export function parseArgs(argv: string[]): Omit<CheckOptions, "log"> {
  const options: Omit<CheckOptions, "log"> = {
    contentDir: path.join(process.cwd(), "content"),
    guest: false,
    only: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--guest") options.guest = true;
    else if (arg === "--content") options.contentDir = path.resolve(argv[++i] ?? "");
    else if (arg.startsWith("--content=")) options.contentDir = path.resolve(arg.slice("--content=".length));
    else if (arg === "--only") options.only = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (arg.startsWith("--only=")) options.only = arg.slice("--only=".length).split(",").filter(Boolean);
    else throw new Error(`unknown argument: ${arg}`);
  }
  return options;
}

/** Stage 1. Returns the validated content, or null after printing every problem. */
export function checkSchema(options: Pick<CheckOptions, "contentDir" | "log">): LoadedContent | null {
  const { log } = options;
  const report = validateContent(options.contentDir);
  for (const file of report.files) {
    if (file.problems.length === 0) log(`${green("ok  ")} ${file.file}`);
    else for (const p of file.problems) log(`${red("FAIL")} ${formatProblem(p)}`);
  }
  if (!report.content) {
    log(red(`\n${report.problems.length} problem(s) in ${options.contentDir}`));
    return null;
  }
  const lessons = report.content.lessons;
  const exercises = lessons.reduce((n, l) => n + l.locales.en.exercises.length, 0);
  log(green(`\nContent OK: ${lessons.length} lessons, ${exercises} exercises, ${report.files.length} files.`));
  return report.content;
}

/** Stage 2: every exercise against the real guest. */
export async function checkInGuest(
  content: LoadedContent,
  options: Pick<CheckOptions, "only" | "log">,
  createSandbox?: () => Promise<Sandbox> | Sandbox,
): Promise<boolean> {
  const { log } = options;
  const make =
    createSandbox ??
    (async () => {
      // Loaded only here: stage 1 alone needs neither v86 nor the guest.
      const { createNodeSandbox } = await import("../emulator/node");
      return createNodeSandbox();
    });
  const exercises = content.lessons.flatMap((l) =>
    l.locales.en.exercises.map((e) => ({ lesson: l.slug, id: e.id, check: e.check, solution: e.solution })),
  );
  const selected = options.only ? exercises.filter((e) => options.only!.includes(e.id)) : exercises;
  if (options.only) {
    const unknown = options.only.filter((id) => !exercises.some((e) => e.id === id));
    if (unknown.length) {
      log(red(`unknown exercise id(s): ${unknown.join(", ")}`));
      return false;
    }
  }

  log(dim(`\nBooting the guest for ${selected.length} exercise(s)${options.only ? "" : ", walking the course lesson by lesson"}…`));
  const sandbox = await make();
  const failures: ExerciseRunResult[] = [];
  const report = (lesson: string, result: ExerciseRunResult, ok: boolean, seconds: number) => {
    log(`${ok ? green("ok  ") : red("FAIL")} ${lesson}/${result.id} ${dim(`(${seconds.toFixed(0)} s)`)}`);
    if (!ok) {
      failures.push(result);
      log(result.details.replace(/^/gm, "       "));
    }
  };
  try {
    if (sandbox.status.get() !== "ready") await sandbox.start();
    if (options.only) {
      for (const ex of selected) {
        const t0 = Date.now();
        const result = await runExerciseInGuest(sandbox, ex);
        report(ex.lesson, result, result.freshFailed && result.passedAfterSolution, (Date.now() - t0) / 1000);
      }
    } else {
      const lessons = content.lessons.map((l) => ({
        slug: l.slug,
        runBlocks: runBlocks(l.locales.en.body),
        exercises: l.locales.en.exercises.map((e) => ({ id: e.id, check: e.check, solution: e.solution })),
      }));
      for (const result of await runCourseInGuest(sandbox, lessons)) {
        const ok = result.freshFailed && result.failedOnArrival && result.passedAfterSolution;
        report(result.lesson, result, ok, (result.durationsMs.solution + result.durationsMs.after) / 1000);
      }
    }
  } finally {
    await sandbox.destroy().catch(() => undefined);
  }
  const proven = options.only
    ? "fail on a fresh machine and pass after their solution"
    : "fail on a fresh machine and on arrival, and pass after their solution";
  log(
    failures.length
      ? red(`\n${failures.length} of ${selected.length} exercise(s) failed in the guest.`)
      : green(`\nAll ${selected.length} exercise(s) ${proven}.`),
  );
  return failures.length === 0;
}

export async function main(argv: string[], log: (line: string) => void = console.log): Promise<number> {
  let options: Omit<CheckOptions, "log">;
  try {
    options = parseArgs(argv);
  } catch (e) {
    log(red((e as Error).message));
    log("usage: content-check [--content DIR] [--guest [--only id,id]]");
    return 2;
  }
  const content = checkSchema({ ...options, log });
  if (!content) return 1;
  if (!options.guest) return 0;
  return (await checkInGuest(content, { ...options, log })) ? 0 : 1;
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(red(err instanceof Error ? err.message : String(err)));
      process.exit(1);
    },
  );
}
