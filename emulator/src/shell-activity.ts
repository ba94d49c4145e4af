// What the learner's shell is doing, as its console shows it: bash prints a mark when a command
// starts and another when its prompt is drawn again (OSC 133, read by semantic-prompt.ts), and
// any output is a sign that the learner is not just reading. The machine waits on these: for the
// prompt after a resume, and for a lull before it does work of its own in the guest.

import { Store } from "./observable";
import type { PromptMark } from "./semantic-prompt";

export interface ShellHooks {
  onCommandStart?(): void;
  /** A command ended: its prompt came back. */
  onCommandDone?(): void;
}

export class ShellActivity {
  /** True while a command runs (the prompt has not come back). */
  readonly busy = new Store<boolean>(false);
  private readonly promptWaiters = new Set<() => void>();
  /** When the console last printed something (performance.now()). */
  private lastOutputAt = 0;

  constructor(private readonly hooks: ShellHooks = {}) {}

  mark(mark: PromptMark): void {
    const wasBusy = this.busy.get();
    this.busy.set(mark === "command-start");
    if (mark === "command-start") this.hooks.onCommandStart?.();
    if (wasBusy && mark === "prompt") this.hooks.onCommandDone?.();
    if (mark === "prompt") for (const waiter of [...this.promptWaiters]) waiter();
  }

  noteOutput(): void {
    this.lastOutputAt = performance.now();
  }

  /** Resolves at the shell's next prompt; rejects after `timeoutMs`. */
  nextPrompt(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.promptWaiters.delete(done);
        reject(new Error("The shell did not answer after the resume."));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.promptWaiters.delete(done);
        resolve();
      };
      this.promptWaiters.add(done);
    });
  }

  /**
   * Resolves once no command runs and the console has been silent for `quietMs` (the learner is
   * reading, not typing), or after `latestMs` whatever happens, or as soon as `gone()` is true.
   */
  lull(quietMs: number, latestMs: number, gone: () => boolean): Promise<void> {
    const deadline = performance.now() + latestMs;
    return new Promise((resolve) => {
      const check = () => {
        const now = performance.now();
        const silentFor = now - this.lastOutputAt;
        if (gone() || now >= deadline || (!this.busy.get() && silentFor >= quietMs)) resolve();
        else setTimeout(check, Math.min(deadline - now, Math.max(50, quietMs - silentFor)));
      };
      check();
    });
  }
}
