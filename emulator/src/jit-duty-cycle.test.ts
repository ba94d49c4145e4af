import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { V86 } from "v86";
import { runJitOnDutyCycle } from "./jit-duty-cycle";

/** A v86 whose JIT records when it was switched on and off, on a clock the test moves. */
function fakeEmulator() {
  const switched: Array<[number, "on" | "off"]> = [];
  let now = 0;
  const timers = new Map<number, { at: number; every?: number; run: () => void }>();
  let nextId = 1;
  const clock = {
    setInterval: (run: () => void, ms: number) => (timers.set(nextId, { at: now + ms, every: ms, run }), nextId++),
    setTimeout: (run: () => void, ms: number) => (timers.set(nextId, { at: now + ms, run }), nextId++),
    clearInterval: (id: unknown) => void timers.delete(id as number),
    clearTimeout: (id: unknown) => void timers.delete(id as number),
  };
  const advanceTo = (until: number) => {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      now = timer.at;
      if (timer.every) timer.at += timer.every;
      else timers.delete(id);
      timer.run();
    }
    now = until;
  };
  const emulator = {
    v86: {
      cpu: {
        set_jit_config: (index: number, value: number) => {
          assert.equal(index, 0, "only JIT_DISABLED is switched");
          switched.push([now, value ? "off" : "on"]);
        },
      },
    },
  };
  return { emulator, clock, switched, advanceTo, pending: () => timers.size };
}

test("the JIT is on for onMs of every everyMs, and back on for good once stopped", () => {
  const { emulator, clock, switched, advanceTo, pending } = fakeEmulator();
  const stop = runJitOnDutyCycle(emulator, { onMs: 5, everyMs: 50 }, clock);
  advanceTo(120);
  assert.deepEqual(switched, [
    [0, "off"],
    [50, "on"],
    [55, "off"],
    [100, "on"],
    [105, "off"],
  ]);
  stop();
  assert.deepEqual(switched.at(-1), [120, "on"]);
  assert.equal(pending(), 0, "no timer left behind");
});

test("stopped in the middle of an on-window, no late timer switches it off again", () => {
  const { emulator, clock, switched, advanceTo } = fakeEmulator();
  const stop = runJitOnDutyCycle(emulator, { onMs: 5, everyMs: 50 }, clock);
  advanceTo(52);
  stop();
  advanceTo(500);
  assert.deepEqual(switched.at(-1), [52, "on"]);
});

test("another v86 layout is left alone", () => {
  const stop = runJitOnDutyCycle({}, { onMs: 5, everyMs: 50 });
  stop();
});

test("in the pinned v86, the setting switched is the JIT's off switch", async () => {
  const wasmPath = join(dirname(createRequire(import.meta.url).resolve("v86")), "v86.wasm");
  const emulator: any = new V86({ wasm_path: wasmPath, memory_size: 8 * 1024 * 1024, autostart: false, disable_keyboard: true, disable_mouse: true, disable_speaker: true, screen: { container: null } } as any);
  await new Promise<void>((resolve) => emulator.add_listener("emulator-loaded", () => resolve()));
  try {
    const jitDisabled = () => emulator.v86.cpu.wm.exports.get_jit_config(0);
    assert.equal(jitDisabled(), 0, "v86 starts with its JIT on");
    const stop = runJitOnDutyCycle(emulator, { onMs: 5, everyMs: 60_000 });
    assert.equal(jitDisabled(), 1);
    stop();
    assert.equal(jitDisabled(), 0);
  } finally {
    await emulator.destroy();
  }
});
