// Every lesson exercise against the real guest, the course walked as a learner walks it, on one
// machine: on a fresh machine (the clean snapshot) every check fails; then, lesson by lesson, the
// lesson's Run blocks run and its checks must still fail (no earlier lesson and no Run button has
// done the exercise already); then each solution, in order, makes its check pass. A check that
// cannot fail is a defect.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runCourseInGuest, type CourseExerciseResult } from "../../app/_lib/exercises/prove-in-guest";
import { loadContent } from "../../app/_lib/content/loader";
import { runBlocks } from "../../app/_lib/content/markdown";
import type { GuestMachine } from "../src/guest-machine";
import { createNodeSandbox, repoRoot } from "../src/node";

const content = loadContent(join(repoRoot, "content"));
let machine: GuestMachine;
let results: Promise<CourseExerciseResult[]>;

before(async () => {
  machine = await createNodeSandbox();
  await machine.start();
  results = runCourseInGuest(
    machine,
    content.lessons.map((l) => ({
      slug: l.slug,
      runBlocks: runBlocks(l.locales.en.body),
      exercises: l.locales.en.exercises.map((e) => ({ id: e.id, check: e.check, solution: e.solution })),
    })),
  );
  results.catch(() => {}); // each test awaits it and reports the failure
});

after(async () => {
  await machine?.destroy();
});

for (const lesson of content.lessons) {
  describe(`lesson ${lesson.slug}`, () => {
    for (const exercise of lesson.locales.en.exercises) {
      test(`${exercise.id}: fails on a fresh machine and on arrival, passes after its solution`, async () => {
        const result = (await results).find((r) => r.id === exercise.id);
        assert.ok(result, `no result for ${exercise.id}`);
        assert.ok(result.freshFailed, result.details);
        assert.ok(result.failedOnArrival, result.details);
        assert.ok(result.passedAfterSolution, result.details);
      });
    }
  });
}
