// Idle-time compression of the saved machine. A save stores v86's raw state (the learner waits
// only for save_state and one write, about a second), so the stored state is ~3x larger than it
// needs to be. Once the machine has been idle for a while, this compresses the current state
// (zstd) in the compression worker and swaps it in with StateStore.reencode, which switches the
// pointer only if that state is still the current one. A save that starts meanwhile cancels the
// compaction (and ends the worker, freeing the core for the save).
//
//   const compactor = new Compactor({ store, isIdle: () => !sandbox.busy.get() });
//   compactor.schedule();    // after a save, or after resuming a raw state
//   await compactor.cancel(); // before a save, a handover or a reset

import { sha256Hex } from "@/emulator/browser";
import { DEFAULT_ENCODING, encodeState } from "./compression";
import type { SavedStateRecord, StateStore } from "./state-store";

export const COMPACT_DELAY_MS = 20_000;

export type CompactOutcome = "compacted" | "nothing" | "superseded";

export interface CompactorOptions {
  store: StateStore;
  /** True when the learner is not running anything (compaction takes a core for about 5 s). */
  isIdle(): boolean;
  /** Told when a compaction replaced the current state. */
  onCompacted?(record: SavedStateRecord): void;
  delayMs?: number;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export class Compactor {
  private timer: unknown = null;
  private running: { abort: AbortController; done: Promise<unknown> } | null = null;

  constructor(private readonly options: CompactorOptions) {}

  /** Compacts the current state after `delayMs` of quiet (again later while not idle). */
  schedule(): void {
    this.clearTimer();
    const set = this.options.setTimeout ?? ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.timer = set(() => {
      this.timer = null;
      if (!this.options.isIdle()) return this.schedule();
      void this.run().catch(() => {}); // the raw state stays; the next save schedules again
    }, this.options.delayMs ?? COMPACT_DELAY_MS);
  }

  /** Stops a pending or running compaction and waits until it no longer touches the store. */
  async cancel(): Promise<void> {
    this.clearTimer();
    const running = this.running;
    if (!running) return;
    running.abort.abort(new DOMExceptionLike("compaction cancelled"));
    await running.done.catch(() => {});
  }

  /** Compresses the current state if it is raw and swaps it in. */
  async run(): Promise<CompactOutcome> {
    await this.cancel();
    const abort = new AbortController();
    const done = this.compact(abort.signal);
    this.running = { abort, done };
    try {
      return await done;
    } finally {
      if (this.running?.done === done) this.running = null;
    }
  }

  private async compact(signal: AbortSignal): Promise<CompactOutcome> {
    const { store } = this.options;
    const record = await store.current();
    if (!record || record.encoding !== "raw") return "nothing";
    const raw = await (await store.readData(record)).arrayBuffer();
    // A damaged state stays as it is, for loadSaved to refuse: compressing it would give it a valid
    // checksum. So every compressed state is of bytes known to be the saved machine's (loadSaved
    // relies on it).
    if (record.storedSha256 !== record.meta.sha256 || (await sha256Hex(raw)) !== record.storedSha256) return "nothing";
    const blob = await encodeState(raw, DEFAULT_ENCODING, signal);
    const storedSha256 = await sha256Hex(await blob.arrayBuffer());
    signal.throwIfAborted();
    const next = await store.reencode(record, blob, { encoding: DEFAULT_ENCODING, storedSha256 });
    if (!next) return "superseded";
    this.options.onCompacted?.(next);
    return "compacted";
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    (this.options.clearTimeout ?? ((h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = null;
  }
}

/** An abort reason that is an Error in Node and browsers alike. */
class DOMExceptionLike extends Error {
  override name = "AbortError";
}
