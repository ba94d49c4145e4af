// Every lesson exercise against the real guest: its check fails on the fresh machine (the clean
// snapshot) and passes after its solution. A check that cannot fail is a defect.

import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { runExerciseInGuest } from "../../app/_lib/content/exercise-runner";
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
    for (const exercise of lesson.locales.en.exercises) {
      test(`${exercise.id}: fails on a fresh machine, passes after its solution`, async () => {
        const result = await runExerciseInGuest(machine, { id: exercise.id, check: exercise.check, solution: exercise.solution });
        assert.ok(result.freshFailed, result.details);
        assert.ok(result.passedAfterSolution, result.details);
      });
    }
  });
}
