// Proves one exercise against a real guest: its check must FAIL on a fresh machine and PASS after
// its solution has run. Used by `npm run content:check -- --guest` and by the emulator's guest
// tests (emulator/test/), through any Sandbox (createNodeSandbox() in Node).
//
//   const result = await runExerciseInGuest(sandbox, exercise);
//   assert.ok(result.freshFailed && result.passedAfterSolution, result.details);

import type { ExecResult, Sandbox } from "../../../emulator/src/sandbox";

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
  const { reset = true, checkTimeoutMs = 20_000, solutionTimeoutMs = 300_000 } = options;
  if (reset) await sandbox.reset();

  const timed = async (script: string, timeoutMs: number) => {
    const t0 = Date.now();
    const result = await sandbox.exec(script, { timeoutMs });
    return { result, ms: Date.now() - t0 };
  };

  const fresh = await timed(exercise.check, checkTimeoutMs);
  const solution = await timed(exercise.solution, solutionTimeoutMs);
  const after = await timed(exercise.check, checkTimeoutMs);

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
