import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { buildCheckBatch, parseCheckBatch, pickHint, shQuote } from "./batch";

function runSh(script: string): string {
  return execFileSync("/bin/sh", ["-c", script], { encoding: "utf8" });
}

test("a batch runs every check in its own shell and reports each exit code", () => {
  const batch = buildCheckBatch([
    { id: "passes", check: "#!/bin/sh\necho fine\nexit 0\n" },
    { id: "fails", check: "#!/bin/sh\nset -e\necho \"en: it's not there\"\necho 'zh: 还没有'\nfalse\necho unreachable\n" },
    { id: "stderr", check: "echo oops >&2; exit 3" },
    { id: "quotes", check: `x='a "b" c'; case "$x" in *b*) echo "ok $x" ;; esac; read line && exit 9; exit 0` },
  ]);
  const verdicts = parseCheckBatch(runSh(batch.script), batch);
  assert.deepEqual(
    verdicts.map((v) => [v.id, v.exitCode, v.passed, v.output]),
    [
      ["passes", 0, true, "fine"],
      ["fails", 1, false, "en: it's not there\nzh: 还没有"],
      ["stderr", 3, false, "oops"],
      ["quotes", 0, true, 'ok a "b" c'],
    ],
  );
});

test("output without a matching end marker (timed out) yields no verdict; foreign nonces are ignored", () => {
  const batch = buildCheckBatch([{ id: "a", check: "true" }, { id: "b", check: "true" }], "abc");
  const out = "@@dbl:abc:begin a\nhi\n@@dbl:abc:end a 0\n@@dbl:zzz:end b 0\n@@dbl:abc:begin b\nstill running";
  assert.deepEqual(parseCheckBatch(out, batch).map((v) => v.id), ["a"]);
});

test("shQuote survives single quotes", () => {
  assert.equal(runSh(`printf %s ${shQuote("it's a 'test' $HOME `x`")}`), "it's a 'test' $HOME `x`");
});

test("pickHint shows the learner's language", () => {
  const out = "en: No image yet.\nzh: 还没有镜像。";
  assert.equal(pickHint(out, "zh"), "还没有镜像。");
  assert.equal(pickHint(out, "en"), "No image yet.");
  assert.equal(pickHint(out, "fr"), "No image yet.");
  assert.equal(pickHint("Error: something\n\n", "zh"), "Error: something");
  assert.equal(pickHint("1\n2\n3\n4\n5\n6", "en", 2), "5\n6");
});
