import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import type { ExecResult } from "../emulator/src/sandbox";
import { Store } from "../emulator/src/observable";
import { checkInGuest, checkSchema, main } from "./content-check";

function copyContent(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-check-"));
  fs.cpSync(path.join(process.cwd(), "content"), path.join(root, "content"), { recursive: true });
  return path.join(root, "content");
}

test("passes on the real content and prints a line per file", async () => {
  const lines: string[] = [];
  assert.equal(await main([], (l) => lines.push(l)), 0);
  assert.ok(lines.some((l) => l.includes("content/04-pull/en.md")));
  assert.ok(lines.some((l) => /Content OK: 7 lessons/.test(l)));
});

test("fails on a broken copy, naming file and field", async () => {
  const dir = copyContent();
  try {
    const en = path.join(dir, "06-tag/en.md");
    fs.writeFileSync(en, fs.readFileSync(en, "utf8").replace(/^title: .*$/m, ""));
    fs.rmSync(path.join(dir, "04-pull/exercises/pull-layers/check.sh"));
    const lines: string[] = [];
    assert.equal(await main(["--content", dir], (l) => lines.push(l)), 1);
    const text = lines.join("\n");
    assert.match(text, /FAIL content\/06-tag\/en\.md: title: required/);
    assert.match(text, /FAIL content\/04-pull\/en\.md: exercises\[2\]\.check: required/);
  } finally {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});

test("rejects unknown arguments", async () => {
  assert.equal(await main(["--frobnicate"], () => {}), 2);
});

test("the guest stage proves each exercise through the sandbox it is given", async () => {
  const content = checkSchema({ contentDir: path.join(process.cwd(), "content"), log: () => {} });
  assert.ok(content);
  const solved = new Set<string>();
  const calls: string[] = [];
  const status = new Store<"idle" | "ready">("idle");
  const fake = {
    status,
    async start() {
      calls.push("start");
      status.set("ready");
    },
    async reset() {
      calls.push("reset");
      solved.clear();
    },
    async destroy() {
      calls.push("destroy");
    },
    async exec(script: string): Promise<ExecResult> {
      const ex = content.lessons.flatMap((l) => l.locales.en.exercises).find((e) => e.check === script || e.solution === script);
      assert.ok(ex, "exec got a script that is not an exercise's");
      if (script === ex.solution) {
        // pretend the solution of "pull-tag" is broken
        if (ex.id !== "pull-tag") solved.add(ex.id);
        return { exitCode: 0, stdout: "", stderr: "", timedOut: false };
      }
      return { exitCode: solved.has(ex.id) ? 0 : 1, stdout: "en: hint", stderr: "", timedOut: false };
    },
  };
  const lines: string[] = [];
  const ok = await checkInGuest(content, { only: ["pull-busybox", "pull-tag"], log: (l) => lines.push(l) }, () => fake as never);
  assert.equal(ok, false);
  assert.deepEqual(calls, ["start", "reset", "reset", "destroy"]);
  const text = lines.join("\n");
  assert.match(text, /ok {3}pull\/pull-busybox/);
  assert.match(text, /FAIL pull\/pull-tag/);
  assert.match(text, /PROBLEM: check does not pass after the solution/);
});
