import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { V86 } from "v86";
import { JIT_CONFIG, jitOf, tuneJit } from "./jit-tuning";

test("applies every setting through v86's CPU", () => {
  const calls: Array<[number, number]> = [];
  const emulator = { v86: { cpu: { set_jit_config: (index: number, value: number) => calls.push([index, value]) } } };
  assert.equal(tuneJit(emulator), true);
  assert.deepEqual(calls, [
    [1, 1],
    [3, 50],
  ]);
});

test("another v86 layout is left alone", () => {
  assert.equal(jitOf({}), null);
  assert.equal(jitOf({ v86: { cpu: {} } }), null);
  assert.equal(tuneJit(null), false);
});

test("the pinned v86 takes the settings at the indexes this module uses", async () => {
  const wasmPath = join(dirname(createRequire(import.meta.url).resolve("v86")), "v86.wasm");
  const emulator: any = new V86({ wasm_path: wasmPath, memory_size: 8 * 1024 * 1024, autostart: false, disable_keyboard: true, disable_mouse: true, disable_speaker: true, screen: { container: null } } as any);
  await new Promise<void>((resolve) => emulator.add_listener("emulator-loaded", () => resolve()));
  try {
    const exports = emulator.v86.cpu.wm.exports;
    const read = () => Object.values(JIT_CONFIG).map(({ index }) => exports.get_jit_config(index));
    assert.deepEqual(read(), [3, 250], "v86's defaults changed: measure again before keeping these values");
    assert.equal(tuneJit(emulator), true);
    assert.deepEqual(read(), Object.values(JIT_CONFIG).map(({ value }) => value));
  } finally {
    await emulator.destroy();
  }
});
