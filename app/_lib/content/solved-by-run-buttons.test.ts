import assert from "node:assert/strict";
import { test } from "node:test";
import { runBlocks } from "./markdown";
import { commandLines, solvedByRunButtons } from "./solved-by-run-buttons";

const LESSON = [
  "Pull it:",
  "",
  "```sh run",
  "docker pull busybox",
  "```",
  "",
  "A template, not typed by any button:",
  "",
  "```sh",
  "docker tag SOURCE TARGET",
  "```",
  "",
  "```sh run",
  "docker tag busybox  mybox:v1",
  "docker images",
  "```",
].join("\n");

test("the Run blocks of a lesson, and only those", () => {
  assert.deepEqual(runBlocks(LESSON), ["docker pull busybox", "docker tag busybox  mybox:v1\ndocker images"]);
});

test("a script's command lines: no shebang, comments, set options or blank lines", () => {
  assert.deepEqual(commandLines("#!/bin/sh\nset -e\n# pull first\ndocker pull busybox\n\n  docker   images  \n"), [
    "docker pull busybox",
    "docker images",
  ]);
});

test("a solution typed line for line by the Run buttons is reported", () => {
  const solution = "#!/bin/sh\nset -e\ndocker pull busybox\ndocker tag busybox mybox:v1\n";
  assert.deepEqual(solvedByRunButtons(solution, runBlocks(LESSON)), ["docker pull busybox", "docker tag busybox mybox:v1"]);
});

test("a solution with a line of the learner's own passes, even if it starts like the walkthrough", () => {
  const solution = "#!/bin/sh\nset -e\ndocker pull busybox\ndocker tag busybox greeting:v1\n";
  assert.equal(solvedByRunButtons(solution, runBlocks(LESSON)), null);
});

test("a solution that only repeats a template (```sh, no Run button) passes", () => {
  assert.equal(solvedByRunButtons("docker tag SOURCE TARGET\n", runBlocks(LESSON)), null);
});
