import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExecResult } from "@/emulator/browser";
import { runCourseInGuest, runExerciseInGuest, runLessonInGuest } from "./prove-in-guest";

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

/** A guest that is a folder: scripts run in /bin/sh with $STATE pointing at it; a reset empties it. */
async function shellGuest() {
  const { execFileSync } = await import("node:child_process");
  const fs = await import("node:fs");
  const os = await import("node:os");
  const path = await import("node:path");
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-lesson-"));
  const calls: string[] = [];
  return {
    state,
    calls,
    leave: (name: string) => fs.writeFileSync(path.join(state, name), ""),
    cleanup: () => fs.rmSync(state, { recursive: true, force: true }),
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
}

test("a lesson: one reset, every check fails fresh in one batch, then each solution in order passes its check", async () => {
  const shell = await shellGuest();
  const { calls } = shell;
  try {
    shell.leave("a"); // left over: the reset must clear it
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
    shell.cleanup();
  }
});

test("the course: an exercise done before it is asked, by an earlier lesson or by its lesson's Run blocks, is reported", async () => {
  const shell = await shellGuest();
  const has = (name: string) => `[ -e "$STATE/${name}" ]`;
  const make = (name: string) => `touch "$STATE/${name}"`;
  try {
    shell.leave("left-over"); // the reset must clear it
    const results = await runCourseInGuest(shell, [
      { slug: "one", runBlocks: [make("shown"), "false"], exercises: [{ id: "own", check: has("own"), solution: make("own") }] },
      {
        slug: "two",
        runBlocks: [`${make("clicked")}\n${make("too")}`],
        exercises: [
          // The previous lesson's solution already made it:
          { id: "again", check: has("own"), solution: make("own") },
          // This lesson's Run block already made it:
          { id: "clicked", check: has("clicked"), solution: make("clicked") },
          { id: "fine", check: has("fine"), solution: make("fine") },
        ],
      },
    ]);
    assert.equal(shell.calls.filter((c) => c === "reset").length, 1, "one reset for the whole course");
    assert.deepEqual(
      results.map((r) => [r.lesson, r.id, r.freshFailed, r.failedOnArrival, r.passedAfterSolution]),
      [
        ["one", "own", true, true, true],
        ["two", "again", true, false, true],
        ["two", "clicked", true, false, true],
        ["two", "fine", true, true, true],
      ],
    );
    assert.match(results[2].details, /PROBLEM: check passes on arrival/);
    assert.match(results[2].details, /touch "\S+\/clicked" ; touch "\S+\/too" → exit 0/);
    assert.match(results[0].details, /ok: check fails on arrival/);
  } finally {
    shell.cleanup();
  }
});
