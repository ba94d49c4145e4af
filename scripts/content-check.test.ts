import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { type ExecResult, Store } from "../emulator/node";
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
  assert.ok(lines.some((l) => /Content OK: 12 lessons/.test(l)));
});

test("fails on a broken copy, naming file and field", async () => {
  const dir = copyContent();
  try {
    const en = path.join(dir, "06-tag/en.md");
    fs.writeFileSync(en, fs.readFileSync(en, "utf8").replace(/^title: .*$/m, ""));
    fs.rmSync(path.join(dir, "04-pull/exercises/top-layer/check.sh"));
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
  const ok = await checkInGuest(content, { only: ["pull-by-address", "pull-tag"], log: (l) => lines.push(l) }, () => fake as never);
  assert.equal(ok, false);
  assert.deepEqual(calls, ["start", "reset", "reset", "destroy"]);
  const text = lines.join("\n");
  assert.match(text, /ok {3}pull\/pull-by-address/);
  assert.match(text, /FAIL pull\/pull-tag/);
  assert.match(text, /PROBLEM: check does not pass after the solution/);
});

test("without --only, the guest stage walks the course: an exercise its lesson's Run blocks already did fails", async () => {
  const lessonDir = brokenCopy(() => {});
  try {
    const content = checkSchema({ contentDir: lessonDir, log: () => {} });
    assert.ok(content);
    // A machine that only knows volumes: `docker volume create NAME` makes one, a check asks for one.
    const volumes = new Set<string>();
    const status = new Store<"idle" | "ready">("ready");
    const scripts: string[] = [];
    const fake = {
      status,
      async start() {},
      async reset() {
        volumes.clear();
      },
      async destroy() {},
      async exec(script: string): Promise<ExecResult> {
        scripts.push(script);
        for (const m of script.matchAll(/docker volume create (\w+)/g)) volumes.add(m[1]);
        if (!script.includes("@@dbl:")) return { exitCode: 0, stdout: "", stderr: "", timedOut: false };
        // A batch of checks: each exercise passes when its volume exists (write-file's wants "notes",
        // which the lesson's own Run block creates: done before it is asked).
        const nonce = /@@dbl:(\w+):begin/.exec(script)![1];
        const verdict = (id: string, ok: boolean) => `@@dbl:${nonce}:begin ${id}\n${ok ? "" : "en: not yet"}\n@@dbl:${nonce}:end ${id} ${ok ? 0 : 1}\n`;
        let stdout = "";
        if (script.includes("begin make-volume")) stdout += verdict("make-volume", volumes.has("logs"));
        if (script.includes("begin write-file")) stdout += verdict("write-file", volumes.has("notes"));
        return { exitCode: 0, stdout, stderr: "", timedOut: false };
      },
    };
    const lines: string[] = [];
    assert.equal(await checkInGuest(content, { only: null, log: (l) => lines.push(l) }, () => fake as never), false);
    const text = lines.join("\n");
    assert.ok(scripts.some((s) => s.startsWith("docker volume create notes")), "the lesson's Run blocks ran");
    assert.match(text, /FAIL volumes\/write-file/);
    assert.match(text, /PROBLEM: check passes on arrival/);
    assert.match(text, /1 of 2 exercise\(s\) failed in the guest/);
  } finally {
    fs.rmSync(path.dirname(lessonDir), { recursive: true, force: true });
  }
});

// ---- the lesson folder written only from docs/authoring.md, and the ways to break it ---------

const AUTHORED = path.join(process.cwd(), "e2e/fixtures/authored-content");
const LESSON = "authored-content/08-volumes";

/** A copy of the authored fixture with one mistake made by `breakIt` (paths relative to the lesson). */
function brokenCopy(breakIt: (file: (rel: string) => string) => void): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-authored-"));
  const dir = path.join(root, "authored-content");
  fs.cpSync(AUTHORED, dir, { recursive: true });
  breakIt((rel) => path.join(dir, "08-volumes", rel));
  return dir;
}

function edit(file: string, from: RegExp, to: string) {
  const before = fs.readFileSync(file, "utf8");
  const after = before.replace(from, to);
  assert.notEqual(after, before, `the edit of ${file} changed nothing`);
  fs.writeFileSync(file, after);
}

test("the lesson written from docs/authoring.md passes the content check", async () => {
  const lines: string[] = [];
  assert.equal(await main(["--content", AUTHORED], (l) => lines.push(l)), 0);
  assert.match(lines.join("\n"), /Content OK: 1 lessons, 2 exercises, 6 files\./);
});

const BROKEN: Array<{ mistake: string; breakIt: (file: (rel: string) => string) => void; reported: RegExp }> = [
  {
    mistake: "a required field left out",
    breakIt: (f) => edit(f("en.md"), /^summary: .*\n/m, ""),
    reported: /^FAIL authored-content\/08-volumes\/en\.md: summary: required$/m,
  },
  {
    mistake: "a misspelt field",
    breakIt: (f) => edit(f("zh.md"), /^ {6}command: "`docker run/m, '      commnad: "`docker run'),
    reported: /^FAIL authored-content\/08-volumes\/zh\.md: exercises\[1\]\.hint\.commnad: unknown field$/m,
  },
  {
    mistake: "a missing solution script",
    breakIt: (f) => fs.rmSync(f("exercises/make-volume/solution.sh")),
    reported:
      /^FAIL authored-content\/08-volumes\/en\.md: exercises\[0\]\.solution: required \(authored-content\/08-volumes\/exercises\/make-volume\/solution\.sh is missing\)$/m,
  },
  {
    mistake: "a check that changes the machine",
    breakIt: (f) => edit(f("exercises/write-file/check.sh"), /^#!\/bin\/sh\n/, "#!/bin/sh\ndocker rm -f logger >/dev/null 2>&1\n"),
    reported:
      /^FAIL authored-content\/08-volumes\/exercises\/write-file\/check\.sh: script: checks must be side-effect free and fast; found "docker rm"$/m,
  },
  {
    mistake: "an exercise that the lesson's own Run buttons solve",
    breakIt: (f) => edit(f("exercises/make-volume/solution.sh"), /docker volume create logs/, "docker volume create notes"),
    reported:
      /^FAIL authored-content\/08-volumes\/exercises\/make-volume\/solution\.sh: solution: every line of it is typed by the lesson's Run buttons \("docker volume create notes"\): ask for what the lesson taught/m,
  },
  {
    mistake: "a space after full-width punctuation in the Chinese text",
    breakIt: (f) => edit(f("zh.md"), /对临时文件来说这正合适，对数据库/, "对临时文件来说这正合适， 对数据库"),
    reported: /^FAIL authored-content\/08-volumes\/zh\.md: body: Chinese typography: a space after "，" \(.*这正合适， 对数据库.*\)$/m,
  },
  {
    mistake: "no space between Chinese text and inline code in a task",
    breakIt: (f) => edit(f("zh.md"), /名为 `logs` 的卷/, "名为 `logs`的卷"),
    reported: /^FAIL authored-content\/08-volumes\/zh\.md: exercises\[0\]\.task: Chinese typography: no space between Chinese text and `logs`/m,
  },
  {
    mistake: "straight quotes in a check's Chinese message",
    breakIt: (f) => edit(f("exercises/make-volume/check.sh"), /没有名为 logs 的卷/, '没有名为 \\"logs\\" 的卷'),
    reported: /^FAIL authored-content\/08-volumes\/exercises\/make-volume\/check\.sh: zh message: Chinese typography: a straight quotation mark/m,
  },
  {
    mistake: "an exercise id that differs between the languages",
    breakIt: (f) => edit(f("zh.md"), /- id: write-file/, "- id: writer"),
    reported: /^FAIL authored-content\/08-volumes\/zh\.md: exercises\[1\]\.id: "writer" does not match en\.md \("write-file"\)$/m,
  },
];

for (const { mistake, breakIt, reported } of BROKEN) {
  test(`content:check fails on ${mistake}, naming the file and field`, async () => {
    const dir = brokenCopy(breakIt);
    try {
      const lines: string[] = [];
      assert.equal(await main(["--content", dir], (l) => lines.push(l)), 1);
      const text = lines.join("\n");
      assert.match(text, reported);
      assert.match(text, /problem\(s\) in /);
      assert.doesNotMatch(text, /Content OK/);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
}

test("the command itself: exit 0 on the authored fixture, exit 1 with the file and field on a broken copy", () => {
  const run = (dir: string) =>
    spawnSync("npm", ["run", "--silent", "content:check", "--", "--content", dir], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ok = run(AUTHORED);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, new RegExp(`^ok {3}${LESSON}/en\\.md$`, "m"));
  const dir = brokenCopy(BROKEN[0].breakIt);
  try {
    const bad = run(dir);
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, BROKEN[0].reported);
  } finally {
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
});
