// Shared by the guest rows: the learner's console on the shared machine, waiting for a health
// state, and the proof that Docker works (`docker run --rm hello-world`).

import { type GuestMachine, type SandboxHealth, sha256Hex, type StateMeta } from "../../../emulator/node";
import { ConsoleDriver } from "../../../emulator/testing";

/** The bound: hello-world works again within this long of the fault. */
export const RECOVERY_TARGET_MS = 30_000;

const drivers = new WeakMap<GuestMachine, ConsoleDriver>();

/** The learner's console on the shared machine (one per machine, kept across restarts). */
export function learnerOf(machine: GuestMachine): ConsoleDriver {
  let driver = drivers.get(machine);
  if (!driver) {
    driver = new ConsoleDriver(machine);
    drivers.set(machine, driver);
  }
  return driver;
}

/** Every health change with its time, from now on. */
export function recordHealth(machine: GuestMachine) {
  const seen: Array<{ at: number; health: SandboxHealth }> = [];
  const off = machine.health.subscribe((health) => seen.push({ at: performance.now(), health }));
  return {
    seen,
    stop: off,
    /** Resolves with the time it became `health` (or already was); null after `timeoutMs`. */
    async waitFor(health: SandboxHealth, timeoutMs: number, since = 0): Promise<number | null> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const hit = seen.find((s) => s.health === health && s.at >= since);
        if (hit) return hit.at;
        if (machine.health.get() === health) return performance.now();
        if (performance.now() > deadline) return null;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** A machine that is ready and well, restarting it clean if the last row left it otherwise. */
export async function wellMachine(machine: GuestMachine): Promise<void> {
  if (machine.status.get() !== "ready" || machine.health.get() !== "ok") await machine.reset();
}

/** Runs hello-world through the control channel; the time it took, or an error. */
export async function helloWorld(machine: GuestMachine, timeoutMs = 180_000): Promise<{ ok: boolean; ms: number; detail: string }> {
  const started = performance.now();
  const result = await machine.exec("docker run --rm hello-world 2>&1", { timeoutMs }).catch((err: unknown) => ({
    exitCode: -1,
    stdout: String(err),
    stderr: "",
    timedOut: false,
  }));
  const ms = performance.now() - started;
  const ok = !result.timedOut && result.exitCode === 0 && result.stdout.includes("Hello from Docker!");
  return { ok, ms, detail: ok ? "" : result.timedOut ? `hello-world timed out after ${timeoutMs / 1000} s` : `hello-world: exit ${result.exitCode}: ${result.stdout.slice(-300).trim()}` };
}

/** The machine's state now, as persistence would hand it back ("Restart from last save"). */
export async function saveNow(machine: GuestMachine): Promise<{ data: ArrayBuffer; meta: StateMeta }> {
  const { data, meta } = await machine.save();
  return { data, meta: { ...meta, sha256: await sha256Hex(data), size: data.byteLength } };
}

export const seconds = (ms: number) => (ms / 1000).toFixed(1);

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "median 12.3 s, max 20.1 s" */
export function spread(values: number[]): string {
  if (values.length === 0) return "no figures";
  return `median ${seconds(median(values))} s, max ${seconds(Math.max(...values))} s`;
}
