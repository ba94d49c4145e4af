// v86 compiles a page of guest code once that page has run 200,000 instructions in all
// (JIT_THRESHOLD in v86's src/rust/jit.rs, fixed in the npm build). Right after a resume, most
// pages the Docker CLI and the daemons run cross that once and are hardly run again; in Chromium
// each compile is a WebAssembly module that V8 compiles twice (baseline, then optimized) on the
// threads the emulator needs on a 2-core machine. Loops that run long (a shell loop, gzip) still
// need the JIT: without it, a long bash loop takes three times as long.
//
// So the JIT counts heat only part of the time: switched on `onMs` of every `everyMs`, a page must
// run about everyMs/onMs times as many instructions to be compiled. A tight loop still gets there
// within a fraction of a second; code run once seldom does. Compiled code runs either way. The
// browser's worker runs it (in Node, V8's compiles have a core of their own); the settings and
// what they measured are in docs/performance.md.

import { jitOf } from "./jit-tuning";

/** `set_jit_config` index of JIT_DISABLED (v86's src/rust/jit.rs). */
const JIT_DISABLED = 0;

export interface DutyCycle {
  /** Milliseconds of each period during which the JIT counts heat and compiles. */
  onMs: number;
  everyMs: number;
}

/** What ships: 2 ms of every 100 (docs/performance.md, "The first commands"). */
export const JIT_DUTY_CYCLE: DutyCycle = { onMs: 2, everyMs: 100 };

interface Timers {
  setInterval(handler: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  setTimeout(handler: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Runs the emulator's JIT on a duty cycle until the returned function is called (which leaves it
 * on, v86's default). Returns a no-op where v86 has no such setting.
 */
export function runJitOnDutyCycle(emulator: unknown, cycle: DutyCycle = JIT_DUTY_CYCLE, timers: Timers = globalThis as unknown as Timers): () => void {
  const jit = jitOf(emulator);
  if (!jit) return () => {};
  const setEnabled = (enabled: boolean) => jit.set_jit_config(JIT_DISABLED, enabled ? 0 : 1);
  let off: unknown;
  setEnabled(false);
  const period = timers.setInterval(() => {
    setEnabled(true);
    off = timers.setTimeout(() => setEnabled(false), cycle.onMs);
  }, cycle.everyMs);
  return () => {
    timers.clearInterval(period);
    timers.clearTimeout(off);
    setEnabled(true);
  };
}
