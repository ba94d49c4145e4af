// When to save the machine: on the learner's Save, when the tab is hidden, and on a timer (every
// 2 minutes) but only if the machine was used since the last save. "Used" means a command ran in
// the learner's shell (the sandbox's `busy` went true). Saves never overlap: a request while one
// runs is remembered and runs once after it.

export type SaveReason = "manual" | "hidden" | "timer" | "handover";

export interface AutosaveOptions {
  /** Does the actual save; a rejection leaves the machine marked as used. */
  save(reason: SaveReason): Promise<void>;
  intervalMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

export const AUTOSAVE_INTERVAL_MS = 2 * 60_000;

export class AutosaveScheduler {
  private dirtyFlag = false;
  private busyNow = false;
  private running: Promise<void> | null = null;
  private queued: { reason: SaveReason; promise: Promise<void> } | null = null;
  private timer: unknown = null;
  private readonly clear: (handle: unknown) => void;

  constructor(private readonly options: AutosaveOptions) {
    const set = options.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
    this.clear = options.clearInterval ?? ((h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>));
    this.timer = set(() => void this.onTimer(), options.intervalMs ?? AUTOSAVE_INTERVAL_MS);
  }

  /** Whether the machine was used since the last successful save started. */
  get dirty(): boolean {
    return this.dirtyFlag;
  }

  get saving(): boolean {
    return this.running !== null;
  }

  /** Feed the sandbox's busy flag: a command starting marks the machine as used. */
  noteBusy(busy: boolean): void {
    if (busy) this.dirtyFlag = true;
    this.busyNow = busy;
  }

  /** Resolves once no save is running or waiting to run, whatever their outcome. */
  async settled(): Promise<void> {
    // A queued save becomes the running one in the same step that empties the queue.
    while (this.running || this.queued) await (this.queued?.promise ?? this.running)?.catch(() => {});
  }

  /** Marks the machine as used by other means (e.g. a Run button). */
  markUsed(): void {
    this.dirtyFlag = true;
  }

  /** Marks it as matching what is saved (after a restore or a reset). */
  markClean(): void {
    this.dirtyFlag = false;
  }

  /** Timer tick: save if used and idle. Returns the save, or null if none was due. */
  onTimer(): Promise<void> | null {
    if (!this.dirtyFlag || this.busyNow || this.running) return null;
    return this.request("timer");
  }

  /** The tab went to the background (maybe to be closed): save now if used. */
  onHidden(): Promise<void> | null {
    if (!this.dirtyFlag) return null;
    return this.request("hidden");
  }

  /** A save the learner (or a handover) asked for: always runs. */
  saveNow(reason: SaveReason = "manual"): Promise<void> {
    return this.request(reason);
  }

  private request(reason: SaveReason): Promise<void> {
    if (!this.running) return this.run(reason);
    // One save at a time; further requests share one follow-up save.
    if (!this.queued) {
      const after = this.running.catch(() => {}).then(() => {
        this.queued = null;
        return this.run(reason);
      });
      this.queued = { reason, promise: after };
    }
    return this.queued.promise;
  }

  private run(reason: SaveReason): Promise<void> {
    const wasDirty = this.dirtyFlag;
    this.dirtyFlag = false; // what happens from now on is not in this save
    const run = this.options
      .save(reason)
      .catch((err) => {
        if (wasDirty) this.dirtyFlag = true;
        throw err;
      })
      .finally(() => {
        if (this.running === run) this.running = null;
      });
    this.running = run;
    return run;
  }

  stop(): void {
    if (this.timer !== null) this.clear(this.timer);
    this.timer = null;
  }
}
