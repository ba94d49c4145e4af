// Every lesson exercise against the real guest, lesson by lesson as a learner meets them: on a
// fresh machine (the clean snapshot) every check fails; then each solution, in order, makes its
// check pass. A check that cannot fail is a defect. One reset per lesson keeps this to minutes.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runLessonInGuest, type ExerciseRunResult } from "../../app/_lib/exercises/prove-in-guest";
import { loadContent } from "../../app/_lib/content/loader";
import type { GuestMachine } from "../src/guest-machine";
import { createNodeSandbox, repoRoot } from "../src/node";

const content = loadContent(join(repoRoot, "content"));
let machine: GuestMachine;

before(async () => {
  machine = await createNodeSandbox();
  await machine.start();
});

after(async () => {
  await machine?.destroy();
});

for (const lesson of content.lessons) {
  describe(`lesson ${lesson.slug}`, () => {
    const exercises = lesson.locales.en.exercises;
    let results: Promise<ExerciseRunResult[]>;
    before(() => {
      if (exercises.length === 0) return;
      results = runLessonInGuest(machine, exercises.map((e) => ({ id: e.id, check: e.check, solution: e.solution })));
      results.catch(() => {}); // each test awaits it and reports the failure
    });
    for (const [index, exercise] of exercises.entries()) {
      test(`${exercise.id}: fails on a fresh machine, passes after its solution`, async () => {
        const result = (await results)[index];
        assert.ok(result.freshFailed, result.details);
        assert.ok(result.passedAfterSolution, result.details);
      });
    }
  });
}
