// What a row of `npm run test:reliability` is: a Suite runs its trials and reports one result.
// Suites get their heavy resources (the served site, Chromium) from the Context, which starts
// each one on first use and stops it at the end, so a run that needs no browser starts none.

import type { Browser } from "playwright";
import type { GuestMachine } from "../../emulator/node";

/** What a suite needs from the machine; the runner can select rows by it (--needs). */
export type Need = "node" | "browser" | "guest";

export interface SuiteResult {
  /** How many cases were tried. */
  trials: number;
  /** How many behaved as required. The row passes when passed === trials (and trials > 0). */
  passed: number;
  /** The measured figure for the table, e.g. "0 navigations, clipboard unchanged". */
  figure: string;
  /** One line per failed case: which case and what happened. */
  failures: string[];
}

export interface Context {
  /** The repository root. */
  root: string;
  /** Base URL (no trailing slash) of out/ served by scripts/serve.mjs on a free port. */
  site(): Promise<string>;
  /** Debian's Chromium through Playwright, shared by the browser rows. */
  browser(): Promise<Browser>;
  /**
   * The real guest in v86 under Node (createNodeSandbox), started (ready) on first use and shared
   * by the guest rows; destroyed at the end. A row may reset() or start() it, never destroy it.
   */
  guest(): Promise<GuestMachine>;
  /** Command-line choices: `--trials N` for the fault rows, `--full` for the full flood and soak. */
  options: RunOptions;
  /** A progress line (stderr), so that the table stays the last thing on stdout. */
  log(line: string): void;
}

export interface RunOptions {
  /** Trials per fault row; null means the row's small default (the full count is 20). */
  trials: number | null;
  /** Run the floods and the soak at the full length (slow; not for CI). */
  full: boolean;
}

export interface Suite {
  /** The row's name in the table. */
  name: string;
  needs: Need;
  run(ctx: Context): Promise<SuiteResult>;
}

/** Collects trial outcomes: `check(name, ok, detail)` once per case. */
export class Tally {
  trials = 0;
  passed = 0;
  failures: string[] = [];

  check(name: string, ok: boolean, detail = ""): boolean {
    this.trials++;
    if (ok) this.passed++;
    else this.failures.push(detail ? `${name}: ${detail}` : name);
    return ok;
  }

  /** A failure that is not a trial of its own (e.g. the tab died after the trials). */
  fail(detail: string): void {
    this.failures.push(detail);
  }

  result(figure: string): SuiteResult {
    return { trials: this.trials, passed: this.passed, figure, failures: this.failures };
  }
}
