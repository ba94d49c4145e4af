// Proves exercises against a real guest: a check must FAIL on a fresh machine and PASS after its
// solution has run. Used by `npm run content:check -- --guest` and by the emulator's guest tests
// (emulator/test/), through any Sandbox (createNodeSandbox() in Node).
//
//   const result = await runExerciseInGuest(sandbox, exercise);
//   assert.ok(result.freshFailed && result.passedAfterSolution, result.details);
//
// runCourseInGuest walks the whole course as a learner does, and proves one thing more: a check
// must still FAIL when the learner arrives at its exercise, after the earlier lessons and after
// clicking every Run button of its own lesson. Otherwise the exercise is done before it is asked.

import type { ExecResult, Sandbox } from "@/emulator/browser";
import { buildCheckBatch, parseCheckBatch } from "./batch";

export interface GuestExercise {
  id: string;
  /** Text of check.sh. */
  check: string;
  /** Text of solution.sh. */
  solution: string;
}

export interface ExerciseRunOptions {
  /** Reset the machine to the clean snapshot first (default true: "a fresh machine"). */
  reset?: boolean;
  /** Timeout for each run of the check (default 20 s, as on the lesson page). */
  checkTimeoutMs?: number;
  /** Timeout for the solution, which may pull and run containers (default 5 min). */
  solutionTimeoutMs?: number;
}

export interface ExerciseRunResult {
  id: string;
  /** The check exited non-zero (and did not time out) on the fresh machine. */
  freshFailed: boolean;
  /** The check exited 0 after the solution ran. */
  passedAfterSolution: boolean;
  /** Exit code of solution.sh (informational; the check's verdict is what counts). */
  solutionExitCode: number;
  /** Human-readable account of the three steps, for test failure messages. */
  details: string;
  durationsMs: { fresh: number; solution: number; after: number };
}

type ExerciseSandbox = Pick<Sandbox, "exec" | "reset">;

function describe(step: string, r: ExecResult, ms: number): string {
  const out = [r.stdout, r.stderr].filter((s) => s && s.trim()).join("\n").trim();
  const shown = out.length > 2000 ? out.slice(0, 1000) + "\n…\n" + out.slice(-1000) : out;
  return (
    `${step}: exit ${r.exitCode}${r.timedOut ? " (TIMED OUT)" : ""} after ${(ms / 1000).toFixed(1)} s` +
    (shown ? "\n" + shown.replace(/^/gm, "    ") : "")
  );
}

export async function runExerciseInGuest(
  sandbox: ExerciseSandbox,
  exercise: GuestExercise,
  options: ExerciseRunOptions = {},
): Promise<ExerciseRunResult> {
  const { reset = true, checkTimeoutMs = 20_000 } = options;
  if (reset) await sandbox.reset();
  const fresh = await timed(sandbox, exercise.check, checkTimeoutMs);
  return proveAfterFresh(sandbox, exercise, fresh, reset, options);
}

/**
 * A whole lesson the way a learner meets it: one fresh machine, every check run once first (in
 * one batch, as the lesson page does; each must fail), then each solution in order, each followed
 * by its check (each must pass). One reset per lesson instead of one per exercise.
 */
export async function runLessonInGuest(
  sandbox: ExerciseSandbox,
  exercises: readonly GuestExercise[],
  options: Omit<ExerciseRunOptions, "reset"> = {},
): Promise<ExerciseRunResult[]> {
  const { checkTimeoutMs = 20_000 } = options;
  await sandbox.reset();
  const fresh = await checkInOneBatch(sandbox, exercises, checkTimeoutMs);
  const results: ExerciseRunResult[] = [];
  for (const exercise of exercises) results.push(await proveAfterFresh(sandbox, exercise, fresh.get(exercise.id)!, true, options));
  return results;
}

export interface GuestLesson {
  slug: string;
  /** The text of each of the lesson's Run blocks, in order: what a learner clicking along types. */
  runBlocks: readonly string[];
  exercises: readonly GuestExercise[];
}

export interface CourseExerciseResult extends ExerciseRunResult {
  lesson: string;
  /**
   * The check failed (and did not time out) on arrival: after every earlier lesson's Run blocks and
   * solutions, and this lesson's Run blocks.
   */
  failedOnArrival: boolean;
}

/**
 * The course as a learner walks it, on one machine and one reset: first every check on the fresh
 * machine, in one batch (each must fail); then lesson by lesson, the lesson's Run blocks, its
 * checks in one batch (each must still fail), and each solution followed by its check (each must
 * pass). A Run block that fails is no problem of its own (some show an error on purpose).
 */
export async function runCourseInGuest(
  sandbox: ExerciseSandbox,
  lessons: readonly GuestLesson[],
  options: Omit<ExerciseRunOptions, "reset"> = {},
): Promise<CourseExerciseResult[]> {
  const { checkTimeoutMs = 20_000, solutionTimeoutMs = 300_000 } = options;
  await sandbox.reset();
  const fresh = await checkInOneBatch(sandbox, lessons.flatMap((l) => l.exercises), checkTimeoutMs);
  const results: CourseExerciseResult[] = [];
  for (const lesson of lessons) {
    const walkthrough: string[] = [];
    for (const block of lesson.runBlocks) {
      const run = await timed(sandbox, block, solutionTimeoutMs);
      walkthrough.push(`${block.split("\n").join(" ; ")} → exit ${run.result.exitCode}${run.result.timedOut ? " (TIMED OUT)" : ""}`);
    }
    const arrival = await checkInOneBatch(sandbox, lesson.exercises, checkTimeoutMs);
    for (const exercise of lesson.exercises) {
      const onArrival = arrival.get(exercise.id)!;
      const proof = await proveAfterFresh(sandbox, exercise, fresh.get(exercise.id)!, true, options);
      const failedOnArrival = !onArrival.result.timedOut && onArrival.result.exitCode !== 0;
      const details = [
        proof.details,
        failedOnArrival
          ? "ok: check fails on arrival (after the earlier lessons and this lesson's Run blocks)"
          : "PROBLEM: check passes on arrival, before the learner did the exercise (after the earlier lessons and this lesson's Run blocks)",
        describe("check on arrival", onArrival.result, onArrival.ms),
        `this lesson's Run blocks:\n${walkthrough.map((w) => "    " + w).join("\n")}`,
      ].join("\n");
      results.push({ ...proof, lesson: lesson.slug, failedOnArrival, details });
    }
  }
  return results;
}

/** Every exercise's check in one exec call, as the lesson page runs them: a result for each id. */
async function checkInOneBatch(
  sandbox: ExerciseSandbox,
  exercises: readonly GuestExercise[],
  checkTimeoutMs: number,
): Promise<Map<string, Timed>> {
  const batch = buildCheckBatch(exercises);
  const all = await timed(sandbox, batch.script, checkTimeoutMs * Math.max(1, exercises.length));
  const verdicts = new Map(parseCheckBatch(all.result.stdout, batch).map((v) => [v.id, v]));
  return new Map(
    exercises.map((exercise) => {
      const v = verdicts.get(exercise.id);
      const result: ExecResult = v
        ? { exitCode: v.exitCode, stdout: v.output, stderr: "", timedOut: false }
        : { exitCode: -1, stdout: "", stderr: "no verdict in the batch", timedOut: all.result.timedOut };
      return [exercise.id, { result, ms: all.ms }];
    }),
  );
}

interface Timed {
  result: ExecResult;
  ms: number;
}

async function timed(sandbox: ExerciseSandbox, script: string, timeoutMs: number): Promise<Timed> {
  const t0 = Date.now();
  const result = await sandbox.exec(script, { timeoutMs });
  return { result, ms: Date.now() - t0 };
}

async function proveAfterFresh(
  sandbox: ExerciseSandbox,
  exercise: GuestExercise,
  fresh: Timed,
  reset: boolean,
  options: ExerciseRunOptions,
): Promise<ExerciseRunResult> {
  const { checkTimeoutMs = 20_000, solutionTimeoutMs = 300_000 } = options;
  const solution = await timed(sandbox, exercise.solution, solutionTimeoutMs);
  const after = await timed(sandbox, exercise.check, checkTimeoutMs);

  const freshFailed = !fresh.result.timedOut && fresh.result.exitCode !== 0;
  const passedAfterSolution = !after.result.timedOut && after.result.exitCode === 0;

  const verdict = [
    freshFailed ? "ok: check fails on a fresh machine" : "PROBLEM: check does not fail on a fresh machine",
    passedAfterSolution ? "ok: check passes after the solution" : "PROBLEM: check does not pass after the solution",
  ];
  const details = [
    `exercise ${exercise.id}${reset ? " (after reset)" : ""}`,
    describe("check on fresh machine", fresh.result, fresh.ms),
    describe("solution", solution.result, solution.ms),
    describe("check after solution", after.result, after.ms),
    ...verdict,
  ].join("\n");

  return {
    id: exercise.id,
    freshFailed,
    passedAfterSolution,
    solutionExitCode: solution.result.exitCode,
    details,
    durationsMs: { fresh: fresh.ms, solution: solution.ms, after: after.ms },
  };
}
