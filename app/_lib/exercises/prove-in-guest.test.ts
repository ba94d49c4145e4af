import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExecResult } from "@/emulator/browser";
import { runExerciseInGuest, runLessonInGuest } from "./prove-in-guest";

/** A tiny fake guest: a set of "images"; the check tests membership, the solution adds. */
function fakeGuest() {
  const images = new Set<string>();
  const calls: string[] = [];
  return {
    calls,
    images,
    async reset() {
      calls.push("reset");
      images.clear();
    },
    async exec(script: string): Promise<ExecResult> {
      calls.push(script);
      if (script === "solution") {
        images.add("busybox");
        return { exitCode: 0, stdout: "pulled", stderr: "", timedOut: false };
      }
      if (script === "slow") return { exitCode: -1, stdout: "", stderr: "", timedOut: true };
      const ok = images.has("busybox");
      return { exitCode: ok ? 0 : 1, stdout: ok ? "" : "en: pull busybox", stderr: "", timedOut: false };
    },
  };
}

test("a good exercise fails fresh and passes after its solution", async () => {
  const guest = fakeGuest();
  guest.images.add("busybox"); // left over from earlier: reset must clear it
  const r = await runExerciseInGuest(guest, { id: "pull-busybox", check: "check", solution: "solution" });
  assert.equal(guest.calls[0], "reset");
  assert.deepEqual([r.freshFailed, r.passedAfterSolution, r.solutionExitCode], [true, true, 0]);
  assert.match(r.details, /ok: check fails on a fresh machine/);
});

test("a check that passes on a fresh machine is reported", async () => {
  const guest = fakeGuest();
  guest.images.add("busybox");
  const r = await runExerciseInGuest(guest, { id: "x", check: "check", solution: "solution" }, { reset: false });
  assert.equal(r.freshFailed, false);
  assert.match(r.details, /PROBLEM: check does not fail on a fresh machine/);
});

test("a timed-out check counts neither as failing fresh nor as passing", async () => {
  const guest = fakeGuest();
  const r = await runExerciseInGuest(guest, { id: "x", check: "slow", solution: "solution" });
  assert.deepEqual([r.freshFailed, r.passedAfterSolution], [false, false]);
  assert.match(r.details, /TIMED OUT/);
});

test("a lesson: one reset, every check fails fresh in one batch, then each solution in order passes its check", async () => {
  const { execFileSync } = await import("node:child_process");
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-lesson-"));
  const calls: string[] = [];
  const shell = {
    async reset() {
      calls.push("reset");
      fs.rmSync(state, { recursive: true, force: true });
      fs.mkdirSync(state);
    },
    async exec(script: string): Promise<ExecResult> {
      calls.push(script);
      try {
        const stdout = execFileSync("/bin/sh", ["-c", script], { encoding: "utf8", env: { ...process.env, STATE: state } });
        return { exitCode: 0, stdout, stderr: "", timedOut: false };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { exitCode: err.status, stdout: err.stdout, stderr: "", timedOut: false };
      }
    },
  };
  try {
    fs.writeFileSync(path.join(state, "a"), ""); // left over: the reset must clear it
    const results = await runLessonInGuest(shell, [
      { id: "make-a", check: '[ -e "$STATE/a" ]', solution: 'touch "$STATE/a"' },
      // Passes only after make-a's solution too: exercises build on each other, as in a lesson.
      { id: "make-b", check: '[ -e "$STATE/a" ] && [ -e "$STATE/b" ]', solution: 'touch "$STATE/b"' },
      { id: "broken", check: "true", solution: "true" },
    ]);
    assert.equal(calls.filter((c) => c === "reset").length, 1);
    assert.equal(calls.length, 1 + 1 + 2 * 3, "reset, one batch, then solution and check for each");
    assert.deepEqual(
      results.map((r) => [r.id, r.freshFailed, r.passedAfterSolution]),
      [
        ["make-a", true, true],
        ["make-b", true, true],
        ["broken", false, true],
      ],
    );
    assert.match(results[2].details, /PROBLEM: check does not fail on a fresh machine/);
  } finally {
    fs.rmSync(state, { recursive: true, force: true });
  }
});
