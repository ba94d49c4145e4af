import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExecResult } from "../../../emulator/src/sandbox";
import { runExerciseInGuest } from "./exercise-runner";

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
