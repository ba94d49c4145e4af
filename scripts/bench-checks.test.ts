import assert from "node:assert/strict";
import { test } from "node:test";
import { solutionLine, VERDICT_EXERCISES } from "./bench-checks";

test("a solution becomes the line a learner types: its commands joined by &&, without comments or set -e", () => {
  assert.equal(solutionLine("06-tag", "tag-greeting"), "docker pull hello-world && docker tag hello-world greeting:v1");
});

test("every exercise the verdict benchmark types exists and has a solution", () => {
  assert.ok(VERDICT_EXERCISES.length >= 5, "checkVerdictMs is a median over at least five exercises");
  for (const [lesson, id] of VERDICT_EXERCISES) assert.match(solutionLine(lesson, id), /^docker /, `${lesson}/${id}`);
});
