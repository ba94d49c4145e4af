import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExecResult } from "@/emulator/browser";
import { queuedExec } from "./guest-lane";

test("exec calls through the queue never overlap, keep their order, and survive failures", async () => {
  let running = 0;
  let maxRunning = 0;
  const order: string[] = [];
  const sandbox = {
    async exec(script: string): Promise<ExecResult> {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      order.push(script);
      if (script === "boom") throw new Error("machine gone");
      return { exitCode: 0, stdout: script, stderr: "", timedOut: false };
    },
  };
  const results = await Promise.allSettled(["a", "boom", "b", "c"].map((s) => queuedExec(sandbox, s)));
  assert.equal(maxRunning, 1);
  assert.deepEqual(order, ["a", "boom", "b", "c"]);
  assert.deepEqual(results.map((r) => r.status), ["fulfilled", "rejected", "fulfilled", "fulfilled"]);
});
