import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { FakeSandbox } from "@/emulator/testing";
import type { CheckVerdict } from "./batch";
import { ExerciseChecker } from "./checker";

function setup() {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-checker-"));
  const sandbox = new FakeSandbox({
    // exec runs the script for real in /bin/sh, so batching and markers are exercised end to end
    exec: (script) => {
      try {
        return { exitCode: 0, stdout: execFileSync("/bin/sh", ["-c", script], { encoding: "utf8", env: { ...process.env, STATE: state } }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { exitCode: err.status, stdout: err.stdout };
      }
    },
  });
  const passed = new Set<string>();
  const seen: CheckVerdict[][] = [];
  const checker = new ExerciseChecker(sandbox, {
    exercises: [
      { id: "has-a", check: '[ -e "$STATE/a" ] || { echo "en: make a"; echo "zh: 建 a"; exit 1; }' },
      { id: "has-b", check: '[ -e "$STATE/b" ] || { echo "en: make b"; exit 1; }' },
    ],
    isPassed: (id) => passed.has(id),
    onVerdicts: (v) => {
      seen.push(v);
      for (const x of v) if (x.passed) passed.add(x.id);
    },
  });
  return { state, sandbox, passed, seen, checker, done: () => fs.rmSync(state, { recursive: true, force: true }) };
}

test("automatic checks: one exec for all pending exercises, then only the rest", async () => {
  const t = setup();
  try {
    await t.sandbox.start();
    await t.checker.runPending();
    assert.equal(t.sandbox.calls.exec.length, 1);
    assert.deepEqual(t.seen[0].map((v) => [v.id, v.passed, v.output]), [
      ["has-a", false, "en: make a\nzh: 建 a"],
      ["has-b", false, "en: make b"],
    ]);
    fs.writeFileSync(path.join(t.state, "a"), "");
    await t.checker.runPending();
    assert.deepEqual([...t.passed], ["has-a"]);
    await t.checker.runPending();
    const last = t.sandbox.calls.exec.at(-1)!;
    assert.ok(last.includes("has-b") && !last.includes("has-a"), "passed exercises are not checked again");
    fs.writeFileSync(path.join(t.state, "b"), "");
    await t.checker.runPending();
    const n = t.sandbox.calls.exec.length;
    await t.checker.runPending();
    assert.equal(t.sandbox.calls.exec.length, n, "nothing pending: no exec at all");
  } finally {
    t.done();
  }
});

test("never checks while the learner's command runs or before the machine is ready", async () => {
  const t = setup();
  try {
    await t.checker.runPending();
    assert.equal(t.sandbox.calls.exec.length, 0);
    await t.sandbox.start();
    t.sandbox.busy.set(true);
    await t.checker.runPending();
    assert.equal(t.sandbox.calls.exec.length, 0);
    t.sandbox.busy.set(false);
    await t.checker.runPending();
    assert.equal(t.sandbox.calls.exec.length, 1);
  } finally {
    t.done();
  }
});

test("requests during a running batch coalesce into one more batch", async () => {
  const t = setup();
  try {
    await t.sandbox.start();
    const a = t.checker.runPending();
    const b = t.checker.runPending();
    const c = t.checker.runPending();
    await Promise.all([a, b, c]);
    assert.equal(t.sandbox.calls.exec.length, 2);
  } finally {
    t.done();
  }
});

test("the Check button runs one check and reports its output", async () => {
  const t = setup();
  try {
    await t.sandbox.start();
    const r = await t.checker.checkOne("has-b");
    assert.ok(r);
    assert.equal(r.kind, "verdict");
    assert.equal(r.kind === "verdict" && r.verdict.passed, false);
    assert.equal(r.kind === "verdict" && r.verdict.output, "en: make b");
    assert.equal(t.sandbox.calls.exec[0].includes("@@dbl"), false, "a single check is not wrapped");
  } finally {
    t.done();
  }
});

test("a batch that times out is tried once more, not endlessly", async () => {
  let calls = 0;
  const sandbox = new FakeSandbox({
    exec: () => {
      calls++;
      return { exitCode: -1, stdout: "", timedOut: true };
    },
  });
  await sandbox.start();
  const checker = new ExerciseChecker(sandbox, {
    exercises: [{ id: "slow", check: "true" }],
    isPassed: () => false,
    onVerdicts: () => assert.fail("a timed-out batch has no verdicts"),
  });
  await checker.runPending();
  assert.equal(calls, 2);
});

/** A sandbox whose exec answers only when the test says so, with a passing check's output. */
function heldSandbox() {
  const held: Array<(stdout: string) => void> = [];
  const sandbox = new FakeSandbox({
    exec: (script) =>
      new Promise((resolve) => {
        held.push((stdout) => resolve({ exitCode: 0, stdout: stdout || script }));
      }),
  });
  return { sandbox, answer: (stdout = "") => held.shift()!(stdout), waiting: () => held.length };
}

const settle = () => new Promise((r) => setImmediate(r));

test("a reset during a running automatic check: its verdicts are dropped, and the next check counts", async () => {
  const { sandbox, answer, waiting } = heldSandbox();
  await sandbox.start();
  const seen: CheckVerdict[][] = [];
  const checker = new ExerciseChecker(sandbox, {
    exercises: [{ id: "made", check: "true" }],
    isPassed: () => false,
    onVerdicts: (v) => seen.push(v),
  });
  const running = checker.runPending();
  await settle();
  assert.equal(waiting(), 1);
  const batch = sandbox.calls.exec[0];
  const nonce = /@@dbl:([A-Za-z0-9]+):begin/.exec(batch)![1];
  const passing = `@@dbl:${nonce}:begin made\n@@dbl:${nonce}:end made 0\n`;

  checker.startOver();
  const again = checker.runPending(); // the page asks again after its reset
  answer(passing);
  await settle();
  assert.equal(seen.length, 0, "the check ran on the machine before the reset");

  const second = sandbox.calls.exec[1];
  const nonce2 = /@@dbl:([A-Za-z0-9]+):begin/.exec(second)![1];
  answer(`@@dbl:${nonce2}:begin made\n@@dbl:${nonce2}:end made 1\n`);
  await Promise.all([running, again]);
  assert.deepEqual(seen.flat().map((v) => [v.id, v.passed]), [["made", false]]);
});

test("a reset during a running Check: it resolves null and reports no verdict", async () => {
  const { sandbox, answer } = heldSandbox();
  await sandbox.start();
  const seen: CheckVerdict[][] = [];
  const checker = new ExerciseChecker(sandbox, {
    exercises: [{ id: "made", check: "true" }],
    isPassed: () => false,
    onVerdicts: (v) => seen.push(v),
  });
  const manual = checker.checkOne("made");
  await settle();
  checker.startOver();
  answer();
  assert.equal(await manual, null);
  assert.equal(seen.length, 0);

  const after = checker.checkOne("made");
  await settle();
  answer();
  const result = await after;
  assert.equal(result?.kind === "verdict" && result.verdict.passed, true);
  assert.equal(seen.length, 1);
});
