// Proves one exercise against a real guest: its check must FAIL on a fresh machine and PASS after
// its solution has run. Used by `npm run content:check -- --guest` and by the emulator's guest
// tests (emulator/test/), through any Sandbox (createNodeSandbox() in Node).
//
//   const result = await runExerciseInGuest(sandbox, exercise);
//   assert.ok(result.freshFailed && result.passedAfterSolution, result.details);

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
  const batch = buildCheckBatch(exercises);
  const all = await timed(sandbox, batch.script, checkTimeoutMs * exercises.length);
  const verdicts = new Map(parseCheckBatch(all.result.stdout, batch).map((v) => [v.id, v]));
  const results: ExerciseRunResult[] = [];
  for (const exercise of exercises) {
    const v = verdicts.get(exercise.id);
    const fresh: Timed = {
      ms: all.ms,
      result: v
        ? { exitCode: v.exitCode, stdout: v.output, stderr: "", timedOut: false }
        : { exitCode: -1, stdout: "", stderr: "no verdict in the batch", timedOut: all.result.timedOut },
    };
    results.push(await proveAfterFresh(sandbox, exercise, fresh, true, options));
  }
  return results;
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
