// The guest's console output on its way to every attached terminal. It keeps the last 256 KiB, so
// that a terminal attached later starts with what was on screen, and it tracks which output a
// flow-controlled terminal (one that says when data is on screen) has not written yet, so that
// the producer can wait for a slow screen. Both ends of the site's console use it: GuestMachine
// beside v86 (which pauses the emulator while too much is unwritten), and the page's
// WorkerSandbox (which tells the worker what its terminals have written).

import type { TerminalLike } from "./sandbox";

export const CONSOLE_BACKLOG_BYTES = 256 * 1024;

interface Unwritten {
  bytes: number;
  /** The flow-controlled terminals that have not written this chunk yet. */
  waitingFor: Set<TerminalLike>;
  written?: () => void;
}

export class ConsoleFanout {
  private readonly terminals = new Set<TerminalLike>();
  private backlog: Uint8Array[] = [];
  private backlogBytes = 0;
  /** Chunks some flow-controlled terminal has not written yet, oldest first. */
  private unwritten: Unwritten[] = [];
  private unwrittenTotal = 0;

  constructor(private readonly backlogLimit = CONSOLE_BACKLOG_BYTES) {}

  /** Bytes written to flow-controlled terminals that are not on all their screens yet. */
  get unwrittenBytes(): number {
    return this.unwrittenTotal;
  }

  get attached(): number {
    return this.terminals.size;
  }

  /** Adds a terminal, which is shown the backlog first; returns the function that detaches it. */
  attach(term: TerminalLike): () => void {
    for (const chunk of this.backlog) term.write(chunk);
    this.terminals.add(term);
    return () => {
      if (!this.terminals.delete(term)) return;
      // What it had not written yet never will be: it must not hold the producer back.
      for (const chunk of this.unwritten) chunk.waitingFor.delete(term);
      this.settle();
    };
  }

  /**
   * Writes `chunk` to every terminal and keeps it in the backlog. `written` is called once every
   * flow-controlled terminal has it on screen (at once when there is none), in the order written.
   */
  write(chunk: Uint8Array, written?: () => void): void {
    this.remember(chunk);
    const waitingFor = new Set([...this.terminals].filter((term) => term.flowControl));
    const entry: Unwritten = { bytes: chunk.length, waitingFor, written };
    this.unwritten.push(entry);
    this.unwrittenTotal += entry.bytes;
    for (const term of this.terminals) {
      if (!waitingFor.has(term)) term.write(chunk);
      else term.write(chunk, () => waitingFor.delete(term) && this.settle());
    }
    this.settle();
  }

  /** Forgets the backlog: a terminal attached from now on starts blank (a fresh machine). */
  clearBacklog(): void {
    this.backlog = [];
    this.backlogBytes = 0;
  }

  /** Stops waiting for what is unwritten, without calling back (the producer was replaced). */
  forgetUnwritten(): void {
    this.unwritten = [];
    this.unwrittenTotal = 0;
  }

  detachAll(): void {
    this.terminals.clear();
    this.forgetUnwritten();
  }

  private remember(chunk: Uint8Array): void {
    this.backlog.push(chunk);
    this.backlogBytes += chunk.length;
    while (this.backlogBytes > this.backlogLimit && this.backlog.length > 1) {
      this.backlogBytes -= this.backlog.shift()!.length;
    }
  }

  /** Calls back for the oldest chunks every terminal has written, in order. */
  private settle(): void {
    while (this.unwritten.length > 0 && this.unwritten[0].waitingFor.size === 0) {
      const done = this.unwritten.shift()!;
      this.unwrittenTotal -= done.bytes;
      done.written?.();
    }
  }
}
