// Runs a page's exercise checks in the guest. No React: unit-tested with a fake sandbox.
//
//   runPending()  – the automatic check after a command: every exercise not yet passed, batched
//                   into ONE exec call; skipped while the learner's command is running or the
//                   machine is not ready; a request made while a batch runs queues one more batch.
//   checkOne(id)  – the Check button: that exercise's check alone, right away.
//   startOver()   – the exercises start over (a reset): a check still running reports nothing,
//                   since it checked the machine as it was before.

import type { Sandbox } from "@/emulator/browser";
import { buildCheckBatch, parseCheckBatch, type CheckVerdict } from "./batch";
import { queuedExec } from "./guest-lane";

export interface CheckableExercise {
  id: string;
  check: string;
}

export type ManualResult =
  | { kind: "verdict"; verdict: CheckVerdict }
  | { kind: "timeout" }
  | { kind: "error"; message: string };

export interface CheckerOptions {
  exercises: readonly CheckableExercise[];
  isPassed: (id: string) => boolean;
  onVerdicts: (verdicts: CheckVerdict[]) => void;
  /** Timeout of a single check (default 45 s); a batch gets this plus 10 s per extra check. */
  timeoutMs?: number;
}

type CheckSandbox = Pick<Sandbox, "exec" | "busy" | "status">;

export class ExerciseChecker {
  private running: Promise<void> | null = null;
  private again = false;
  /** Bumped by startOver(): a check begun under an older try reports nothing. */
  private currentTry = 0;

  constructor(
    private readonly sandbox: CheckSandbox,
    private readonly options: CheckerOptions,
  ) {}

  private get timeoutMs() {
    // The first docker call after a resume runs cold (docs/performance.md): allow for it.
    return this.options.timeoutMs ?? 45_000;
  }

  /** The exercises start over: results of checks still running are dropped. */
  startOver(): void {
    this.currentTry++;
  }

  /** Check every exercise that has not passed yet, in one exec. Resolves when done. */
  runPending(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        let retried = false;
        do {
          this.again = false;
          const outcome = await this.runOnce();
          // The first docker calls after a resume can outlast the timeout: try once more.
          if (outcome === "timed-out" && !retried) this.again = retried = true;
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async runOnce(): Promise<"done" | "skipped" | "timed-out"> {
    if (this.sandbox.busy.get() || this.sandbox.status.get() !== "ready") return "skipped";
    const pending = this.options.exercises.filter((e) => !this.options.isPassed(e.id));
    if (pending.length === 0) return "skipped";
    const batch = buildCheckBatch(pending);
    const startedIn = this.currentTry;
    let stdout: string;
    try {
      const result = await queuedExec(this.sandbox, batch.script, {
        timeoutMs: this.timeoutMs + 10_000 * (pending.length - 1),
      });
      if (result.timedOut) return "timed-out";
      stdout = result.stdout;
    } catch {
      return "skipped"; // the machine went away; the next command will try again
    }
    if (startedIn !== this.currentTry) return "skipped";
    const verdicts = parseCheckBatch(stdout, batch);
    if (verdicts.length) this.options.onVerdicts(verdicts);
    return "done";
  }

  /**
   * Runs one exercise's check now (the Check button). Resolves null when the exercises started
   * over while it ran: its result is about the machine before.
   */
  async checkOne(id: string): Promise<ManualResult | null> {
    const exercise = this.options.exercises.find((e) => e.id === id);
    if (!exercise) return { kind: "error", message: `unknown exercise ${id}` };
    const startedIn = this.currentTry;
    let result: ManualResult;
    try {
      const r = await queuedExec(this.sandbox, exercise.check, { timeoutMs: this.timeoutMs });
      if (r.timedOut) {
        result = { kind: "timeout" };
      } else {
        const output = [r.stdout, r.stderr].filter(Boolean).join("\n").trim();
        result = { kind: "verdict", verdict: { id, exitCode: r.exitCode, passed: r.exitCode === 0, output } };
      }
    } catch (e) {
      result = { kind: "error", message: e instanceof Error ? e.message : String(e) };
    }
    if (startedIn !== this.currentTry) return null;
    if (result.kind === "verdict") this.options.onVerdicts([result.verdict]);
    return result;
  }
}
