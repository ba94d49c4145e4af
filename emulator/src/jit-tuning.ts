// v86 compiles hot guest code into one WebAssembly function per "page group": by default up to 3
// pages of x86 code and 250 extra basic blocks, so a function's body is large. Chromium first runs
// each one with its baseline compiler and then recompiles the hot ones with its optimizing
// compiler on background threads, which on a 2-core machine take the core the emulator needs.
// Smaller functions are much cheaper to optimize: one page and 50 extra blocks per function made
// the first commands and every warm `docker run` faster (docs/performance.md, "The first
// commands").

/** v86's runtime JIT settings (`set_jit_config` in v86's src/rust/jit.rs): index → value. */
export const JIT_CONFIG = {
  /** MAX_PAGES: x86 pages one compiled function may span (v86's default: 3). */
  maxPages: { index: 1, value: 1 },
  /** MAX_EXTRA_BASIC_BLOCKS: blocks followed beyond the entry points (v86's default: 250). */
  maxExtraBasicBlocks: { index: 3, value: 50 },
} as const;

interface JitConfigurable {
  set_jit_config(index: number, value: number): void;
}

/**
 * v86's CPU object, which exposes `set_jit_config`. It is internal to v86 (pinned in
 * package.json), so it is looked up defensively: with another layout this returns null.
 */
export function jitOf(emulator: unknown): JitConfigurable | null {
  const cpu = (emulator as any)?.v86?.cpu;
  return cpu && typeof cpu.set_jit_config === "function" ? (cpu as JitConfigurable) : null;
}

/** Applies JIT_CONFIG; returns false (and changes nothing) where v86 has no such setting. */
export function tuneJit(emulator: unknown): boolean {
  const cpu = jitOf(emulator);
  if (!cpu) return false;
  for (const { index, value } of Object.values(JIT_CONFIG)) cpu.set_jit_config(index, value);
  return true;
}
