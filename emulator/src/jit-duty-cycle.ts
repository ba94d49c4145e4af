// v86 compiles a page of guest code once that page has run 200,000 instructions in all
// (JIT_THRESHOLD in v86's src/rust/jit.rs, fixed in the npm build). Right after a resume, most
// pages the Docker CLI and the daemons run cross that once and are hardly run again; in Chromium
// each compile is a WebAssembly module that V8 compiles twice (baseline, then optimized) on the
// threads the emulator needs on a 2-core machine. Loops that run long (a shell loop, gzip) still
// need the JIT: without it, a 100,000-turn bash loop took 92 s instead of 32 s.
//
// So the JIT counts heat only part of the time: switched on `onMs` of every `everyMs`, a page must
// run about everyMs/onMs times as many instructions to be compiled. A tight loop still gets there
// within a fraction of a second; code run once seldom does. Compiled code runs either way.
// Measured in Chromium, medians of fresh tabs (docs/performance.md, session 15): the JIT always on
// against 5 ms of every 50 in one run, that against 2 ms of every 100 (what ships) in another. The
// first `docker ps` took 7.5, 4.9 | 4.5, 3.5 s; the first `docker run` (pulling busybox) 69.5, 37.4
// | 35.4, 28.1 s; the bash loop 32, 35 | 28, 33 s.

import { jitOf } from "./jit-tuning";

/** `set_jit_config` index of JIT_DISABLED (v86's src/rust/jit.rs). */
const JIT_DISABLED = 0;

export interface DutyCycle {
  /** Milliseconds of each period during which the JIT counts heat and compiles. */
  onMs: number;
  everyMs: number;
}

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
