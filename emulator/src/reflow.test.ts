import assert from "node:assert/strict";
import test from "node:test";
import { reflowText } from "./reflow";

const welcome = [
  "Welcome to Docker Browser Lab: a real Debian machine with the real Docker Engine,",
  "running inside your browser tab. Nothing here leaves your computer.",
  "",
  "The registry at localhost:5000 holds these images, ready to pull:",
  "  busybox      latest, 1.35, 1.35.0",
  "Try:  docker pull busybox",
  "      docker run --rm busybox echo hello",
  "",
].join("\n");

test("text that fits is left exactly as it is", () => {
  assert.equal(reflowText(welcome, 100), welcome);
  assert.equal(reflowText(welcome, 81), welcome);
});

test("long lines wrap at spaces, never inside a word, and nothing is lost", () => {
  for (const cols of [20, 33, 40, 62, 72]) {
    const out = reflowText(welcome, cols);
    for (const line of out.split("\n")) assert.ok(line.length <= cols, `${cols} cols: "${line}"`);
    assert.deepEqual(out.split(/\s+/).filter(Boolean), welcome.split(/\s+/).filter(Boolean), `${cols} cols: the same words`);
  }
  assert.equal(
    reflowText("running inside your browser tab. Nothing here leaves your computer.", 62),
    "running inside your browser tab. Nothing here leaves your\ncomputer.",
  );
});

test("a wrapped line's continuation keeps its indent; blank lines stay", () => {
  assert.equal(reflowText("      docker run --rm busybox echo hello", 24), "      docker run --rm\n      busybox echo hello");
  assert.equal(reflowText("a\n\nb", 10), "a\n\nb");
});

test("a word longer than the line is cut to fit", () => {
  assert.equal(reflowText("see sha256:3ed8a40c7a4875d786d98e746e2364cb", 16), "see\nsha256:3ed8a40c7\na4875d786d98e746\ne2364cb");
});

test("no width, or an absurd one, changes nothing", () => {
  assert.equal(reflowText(welcome, Number.NaN), welcome);
  assert.equal(reflowText(welcome, 0), welcome);
});
