// The one typed boundary between the UI (or a test) and the Linux guest. Everything outside
// emulator/ reaches the machine through `Sandbox`, by way of the doors (emulator/browser.ts,
// emulator/node.ts), and never imports this folder directly (docs/architecture.md).

import type { Observable } from "./observable";
import type { StateMeta } from "./state-check";

export type SandboxStatus =
  | "idle" // created, nothing loaded yet
  | "downloading" // fetching wasm, BIOS and the saved state
  | "restoring" // handing the state to v86
  | "booting" // cold boot: the kernel and Docker start from scratch
  | "starting-docker" // guest is up, waiting for the Docker daemon to answer
  | "ready"
  | "crashed" // the guest stopped answering or the emulator threw
  | "destroyed";

/**
 * Whether a running machine is well (see health.ts for how each is detected):
 * "panicked" and "halted" are final until a restart; "frozen" (no answer for 15 s) may pass;
 * "docker-restarting" while init brings a dead containerd or dockerd back.
 */
export type SandboxHealth = "ok" | "docker-restarting" | "panicked" | "frozen" | "halted";

/** A panicked or halted machine is gone for good: its emulator is stopped, and it is never saved. */
export function isStoppedForGood(health: SandboxHealth): health is "panicked" | "halted" {
  return health === "panicked" || health === "halted";
}

export interface SandboxProgress {
  /** Bytes loaded so far across all files of the current phase. */
  loaded: number;
  /** Total bytes expected, 0 when unknown. */
  total: number;
  phase: SandboxStatus;
  /** Human-readable detail for logs, e.g. the file being fetched. Not for UI strings. */
  detail?: string;
}

export interface ExecOptions {
  /** Give up waiting after this long; the result then has `timedOut: true`. Default 30 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ExecResult {
  exitCode: number;
  /** stdout decoded as UTF-8; `stdoutBytes` has the exact bytes. */
  stdout: string;
  stdoutBytes?: Uint8Array;
  stderr: string;
  timedOut: boolean;
}

/** The part of a terminal the sandbox needs; xterm.js satisfies it through a thin adapter. */
export interface TerminalLike {
  /**
   * Write guest output to the screen. A terminal with `flowControl` calls `written` once the data
   * is on screen; while too much is unwritten the guest is paused, so a flood cannot outrun it.
   */
  write(data: Uint8Array, written?: () => void): void;
  /** True if this terminal calls write's `written` callback (every time, in order). */
  readonly flowControl?: boolean;
  /** Subscribe to what the user types or pastes; returns an unsubscribe function. */
  onInput(listener: (data: string) => void): () => void;
  /** Subscribe to size changes; returns an unsubscribe function. */
  onResize(listener: (size: { cols: number; rows: number }) => void): () => void;
  readonly cols: number;
  readonly rows: number;
}

export interface StartOptions {
  /** Ignore the saved state and boot the kernel from scratch (slow, shows the boot log). */
  coldBoot?: boolean;
  /**
   * A previously saved machine to resume instead of the clean snapshot; checked before use.
   * `verified`: the caller has already checked the bytes' integrity (a checksum), so they are not
   * hashed again.
   */
  state?: { data: ArrayBuffer; meta: StateMeta; verified?: boolean };
}

export interface Sandbox {
  readonly status: Observable<SandboxStatus>;
  readonly progress: Observable<SandboxProgress>;
  /** Why the last start failed or the guest crashed, in plain words; null otherwise. */
  readonly error: Observable<string | null>;
  /** True while the learner's shell is running a command (the prompt has not come back). */
  readonly busy: Observable<boolean>;
  /** Whether the running guest is well: a panic, a halted CPU, no answer, Docker restarting. */
  readonly health: Observable<SandboxHealth>;

  start(options?: StartOptions): Promise<void>;
  /**
   * Connect the guest's serial console (ttyS0) to a terminal, and keep the guest told of its size.
   * The terminal is first shown the recent output (up to 256 KiB). Returns the function that
   * detaches it.
   */
  attachTerminal(term: TerminalLike): () => void;
  /** Send keystrokes to the learner's shell as if typed (used by "Run" buttons). */
  sendInput(data: string): void;
  /** Run a shell script in the guest over the control channel (ttyS1), never through the terminal. */
  exec(script: string, options?: ExecOptions): Promise<ExecResult>;
  /** The machine's current state (v86 format, uncompressed) and what it was saved against. */
  save(): Promise<{ data: ArrayBuffer; meta: Omit<StateMeta, "sha256" | "size"> }>;
  /** Throw the current machine away and resume the clean snapshot. */
  reset(): Promise<void>;
  destroy(): Promise<void>;
}
