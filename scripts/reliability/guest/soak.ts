// Soak: reset cycles, each running one lesson's solutions and checks (round-robin over the
// lessons, as exercises.test.ts does), on the shared machine. After each cycle the JS heap (after
// a full GC) and the memory outside it (ArrayBuffers, which include v86's wasm memory and the
// emulators' buffers: a leaked emulator would show there) are measured; from the first cycle to
// the last they must grow less than 10%. Default 3 cycles; `--full` runs the 50.

import { join } from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { runLessonInGuest } from "../../../app/_lib/exercises/prove-in-guest";
import { loadContent } from "../../../app/_lib/content/loader";
import type { GuestMachine } from "../../../emulator/node";
import { Tally, type Suite } from "../suite";
import { seconds } from "./common";

const DEFAULT_CYCLES = 3;
const FULL_CYCLES = 50;
const MAX_GROWTH = 0.1;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function wasmBytes(machine: GuestMachine): number {
  const cpu = (machine.v86 as unknown as { v86?: { cpu?: { wasm_memory?: WebAssembly.Memory } } } | null)?.v86?.cpu;
  return cpu?.wasm_memory?.buffer.byteLength ?? 0;
}

function heapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

export const soak: Suite = {
  name: "soak",
  needs: "guest",
  async run(ctx) {
    const cycles = ctx.options.full ? FULL_CYCLES : DEFAULT_CYCLES;
    const machine = await ctx.guest();
    const lessons = loadContent(join(ctx.root, "content")).lessons.filter((l) => l.locales.en.exercises.length > 0);
    const tally = new Tally();
    const heap: number[] = [];
    const wasm: number[] = [];
    for (let i = 0; i < cycles; i++) {
      const lesson = lessons[i % lessons.length];
      const started = performance.now();
      const exercises = lesson.locales.en.exercises.map((e) => ({ id: e.id, check: e.check, solution: e.solution }));
      const results = await runLessonInGuest(machine, exercises).catch((err: unknown) => err);
      const ok = Array.isArray(results) && results.every((r) => r.freshFailed && r.passedAfterSolution) && machine.health.get() === "ok";
      heap.push(heapBytes());
      wasm.push(process.memoryUsage().arrayBuffers);
      ctx.log(`  cycle ${i + 1}/${cycles} (${lesson.slug}): ${ok ? "ok" : "FAILED"} in ${seconds(performance.now() - started)} s; heap ${mb(heap[i])} MB, buffers and wasm ${mb(wasm[i])} MB (this emulator's wasm ${mb(wasmBytes(machine))} MB)`);
      tally.check(`cycle ${i + 1} (${lesson.slug})`, ok, Array.isArray(results) ? results.filter((r) => !(r.freshFailed && r.passedAfterSolution)).map((r) => r.details).join("; ") || `health ${machine.health.get()}` : String(results));
    }
    const growth = (series: number[]) => (series[series.length - 1] - series[0]) / series[0];
    const heapGrowth = growth(heap);
    const wasmGrowth = growth(wasm);
    tally.check("heap growth under 10%", heapGrowth < MAX_GROWTH, `heap ${mb(heap[0])} → ${mb(heap[heap.length - 1])} MB`);
    tally.check("wasm and buffer growth under 10%", wasmGrowth < MAX_GROWTH, `buffers and wasm ${mb(wasm[0])} → ${mb(wasm[wasm.length - 1])} MB`);
    return tally.result(
      `${cycles} reset cycles with lesson solutions; heap ${mb(heap[0])} → ${mb(heap[heap.length - 1])} MB (${(heapGrowth * 100).toFixed(1)}%), buffers and wasm ${mb(wasm[0])} → ${mb(wasm[wasm.length - 1])} MB (${(wasmGrowth * 100).toFixed(1)}%)`,
    );
  },
};
