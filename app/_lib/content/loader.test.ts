import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { ContentError, firstInvalidUtf8, formatProblem, loadContent, MAX_LESSON_BYTES, MAX_SCRIPT_BYTES, validateContent } from "./loader";

const tmpRoots: string[] = [];
after(() => {
  for (const dir of tmpRoots) fs.rmSync(dir, { recursive: true, force: true });
});

type Files = Record<string, string | null>;

const ex = (id: string, extra = "") =>
  `  - id: ${id}\n    title: Title ${id}\n    task: Do ${id}.\n    hint:\n      nudge: Think of ${id}.\n      command: "\`${id}\`"\n${extra}`;

function frontmatter(lines: string): string {
  return `---\n${lines}---\n\nSome **prose**.\n\n\`\`\`sh run\ndocker images\n\`\`\`\n`;
}

/** A valid two-exercise lesson; `overrides` replaces or (with null) removes files. */
function lessonFiles(dir = "04-pull", ids = ["one", "two"], overrides: Files = {}): Files {
  const exercises = ids.map((id) => ex(id)).join("");
  const files: Files = {
    [`${dir}/en.md`]: frontmatter(`title: Pulling\nsummary: Pull things.\nexercises:\n${exercises}`),
    [`${dir}/zh.md`]: frontmatter(`title: 拉取\nsummary: 拉取东西。\nexercises:\n${exercises}`),
  };
  for (const id of ids) {
    files[`${dir}/exercises/${id}/check.sh`] = "#!/bin/sh\ndocker image inspect busybox >/dev/null\n";
    files[`${dir}/exercises/${id}/solution.sh`] = "#!/bin/sh\ndocker pull busybox\n";
  }
  return { ...files, ...overrides };
}

function writeContent(files: Files): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dbl-content-"));
  tmpRoots.push(root);
  const contentDir = path.join(root, "content");
  fs.mkdirSync(contentDir);
  for (const [rel, text] of Object.entries(files)) {
    if (text === null) continue;
    const file = path.join(contentDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return contentDir;
}

function problemsOf(files: Files): string[] {
  return validateContent(writeContent(files)).problems.map(formatProblem);
}

function assertProblem(problems: string[], expected: string | RegExp): void {
  const hit = problems.some((p) => (typeof expected === "string" ? p.startsWith(expected) : expected.test(p)));
  assert.ok(hit, `expected a problem matching ${expected}, got:\n  ${problems.join("\n  ") || "(none)"}`);
}

describe("content loader", () => {
  test("accepts a valid lesson and derives slug and order from the folder", () => {
    const content = loadContent(writeContent(lessonFiles()));
    assert.equal(content.lessons.length, 1);
    const [lesson] = content.lessons;
    assert.equal(lesson.slug, "pull");
    assert.equal(lesson.order, 4);
    assert.equal(lesson.locales.zh.title, "拉取");
    assert.deepEqual(
      lesson.locales.en.exercises.map((e) => [e.id, e.check.includes("inspect"), e.solution.includes("pull")]),
      [
        ["one", true, true],
        ["two", true, true],
      ],
    );
  });

  test("the real content/ folder is valid", () => {
    const report = validateContent(path.join(process.cwd(), "content"));
    assert.deepEqual(report.problems.map(formatProblem), []);
    assert.ok(report.content && report.content.lessons.length >= 7);
  });

  test("rejects a missing title, naming file and field", () => {
    const files = lessonFiles();
    files["04-pull/en.md"] = frontmatter(`summary: Pull things.\nexercises:\n${ex("one")}${ex("two")}`);
    assertProblem(problemsOf(files), "content/04-pull/en.md: title: required");
  });

  test("rejects an unknown field, naming file and field", () => {
    const files = lessonFiles();
    files["04-pull/zh.md"] = frontmatter(
      `title: 拉取\nsummary: 拉取东西。\ncolour: red\nexercises:\n${ex("one")}${ex("two", "    difficulty: 3\n")}`,
    );
    const problems = problemsOf(files);
    assertProblem(problems, "content/04-pull/zh.md: colour: unknown field");
    assertProblem(problems, "content/04-pull/zh.md: exercises[1].difficulty: unknown field");
  });

  test("rejects an exercise without check.sh", () => {
    const problems = problemsOf(lessonFiles("04-pull", ["one", "two"], { "04-pull/exercises/two/check.sh": null }));
    assertProblem(problems, "content/04-pull/en.md: exercises[1].check: required");
    assertProblem(problems, /exercises\/two\/check\.sh is missing/);
  });

  test("rejects an exercise without solution.sh (or with an empty one)", () => {
    const missing = problemsOf(lessonFiles("04-pull", ["one", "two"], { "04-pull/exercises/one/solution.sh": null }));
    assertProblem(missing, "content/04-pull/en.md: exercises[0].solution: required");
    const empty = problemsOf(lessonFiles("04-pull", ["one", "two"], { "04-pull/exercises/one/solution.sh": "  \n" }));
    assertProblem(empty, /exercises\[0\]\.solution: required \(content\/04-pull\/exercises\/one\/solution\.sh is empty\)/);
  });

  test("rejects duplicate exercise ids within a lesson and across lessons", () => {
    const within = lessonFiles("04-pull", ["one", "one"]);
    assertProblem(problemsOf(within), 'content/04-pull/en.md: exercises[1].id: duplicate id "one"');

    const across = { ...lessonFiles("04-pull", ["one", "two"]), ...lessonFiles("05-images", ["two", "three"]) };
    assertProblem(
      problemsOf(across),
      'content/05-images/en.md: exercises[0].id: duplicate id "two", already used by content/04-pull/en.md',
    );
  });

  test("rejects en/zh declaring different exercises", () => {
    const files = lessonFiles("04-pull", ["one", "two", "three"]);
    files["04-pull/zh.md"] = frontmatter(`title: 拉取\nsummary: 拉取东西。\nexercises:\n${ex("one")}${ex("three")}`);
    assertProblem(problemsOf(files), /^content\/04-pull\/zh\.md: exercises: declares 2 exercises \(one, three\), en\.md declares 3/);

    const swapped = lessonFiles("04-pull", ["one", "two"]);
    swapped["04-pull/zh.md"] = frontmatter(`title: 拉取\nsummary: 拉取东西。\nexercises:\n${ex("two")}${ex("one")}`);
    assertProblem(problemsOf(swapped), 'content/04-pull/zh.md: exercises[0].id: "two" does not match en.md ("one")');
  });

  test("rejects a live picture shown in one language only", () => {
    for (const field of ["imageGraph", "containerGraph"]) {
      const files = lessonFiles();
      files["04-pull/zh.md"] = frontmatter(`title: 拉取\nsummary: 拉取东西。\n${field}: true\nexercises:\n${ex("one")}${ex("two")}`);
      assertProblem(problemsOf(files), `content/04-pull/zh.md: ${field}: differs from en.md`);
    }
  });

  test("rejects a missing language file", () => {
    assertProblem(problemsOf(lessonFiles("04-pull", ["one", "two"], { "04-pull/zh.md": null })), "content/04-pull/zh.md: file: missing");
  });

  test("rejects exercise folders nobody declared, and bad folder names", () => {
    const files = lessonFiles("04-pull", ["one", "two"], {
      "04-pull/exercises/stray/check.sh": "exit 0\n",
      "4-pull/en.md": "---\ntitle: x\n---\n",
    });
    const problems = problemsOf(files);
    assertProblem(problems, /^content\/04-pull\/exercises\/stray: folder: exercise "stray" is not declared/);
    assertProblem(problems, /^content\/4-pull: folder: lesson folders are named NN-slug/);
  });

  test("rejects fewer than two exercises and wrong types", () => {
    const files = lessonFiles();
    files["04-pull/en.md"] = frontmatter(`title: 42\nsummary: Pull.\nimageGraph: yes please\nexercises:\n${ex("one")}`);
    const problems = problemsOf(files);
    assertProblem(problems, "content/04-pull/en.md: exercises: a lesson needs at least two exercises");
    assertProblem(problems, /^content\/04-pull\/en\.md: title: .*expected string/);
    assertProblem(problems, /^content\/04-pull\/en\.md: imageGraph: .*expected boolean/);
  });

  test("rejects a quiz whose answer is not a choice, and quizzes that differ between languages", () => {
    const quiz = (answer: string) =>
      `quiz:\n  title: Q\n  choices:\n    - id: full\n      label: Full\n    - id: os-level\n      label: OS\n  items:\n    - id: docker\n      prompt: Docker\n      answer: ${answer}\n      explanation: Because.\n`;
    const files = lessonFiles();
    files["04-pull/en.md"] = frontmatter(`title: P\nsummary: S.\nexercises:\n${ex("one")}${ex("two")}${quiz("para")}`);
    files["04-pull/zh.md"] = frontmatter(`title: P\nsummary: S.\nexercises:\n${ex("one")}${ex("two")}${quiz("os-level")}`);
    const problems = problemsOf(files);
    assertProblem(problems, /^content\/04-pull\/en\.md: quiz\.items\[0\]\.answer: "para" is not one of the choices/);
  });

  test("never executes JavaScript frontmatter", () => {
    const files = lessonFiles();
    files["04-pull/en.md"] = `---js\n{ title: (globalThis.__pwned = 1, "x") }\n---\nHi\n`;
    const problems = problemsOf(files);
    assertProblem(problems, /^content\/04-pull\/en\.md: frontmatter: only YAML frontmatter is allowed/);
    assert.equal((globalThis as Record<string, unknown>).__pwned, undefined);
  });

  test("rejects javascript: links and side effects in checks", () => {
    const files = lessonFiles("04-pull", ["one", "two"], {
      "04-pull/exercises/two/check.sh": '#!/bin/sh\necho "hint: docker pull busybox"\ndocker pull busybox\n',
    });
    files["04-pull/en.md"] = files["04-pull/en.md"]!.replace("Some **prose**.", "[x](javascript:alert(1))");
    const problems = problemsOf(files);
    assertProblem(problems, 'content/04-pull/en.md: body: link "javascript:alert(1)" is not allowed');
    assertProblem(problems, 'content/04-pull/exercises/two/check.sh: script: checks must be side-effect free and fast; found "docker pull"');
    const api = problemsOf(
      lessonFiles("04-pull", ["one", "two"], {
        "04-pull/exercises/two/check.sh": "curl -X DELETE --unix-socket /var/run/docker.sock http://docker/containers/web\nexit 1\n",
      }),
    );
    assertProblem(api, 'content/04-pull/exercises/two/check.sh: script: checks must be side-effect free and fast; found "--unix-socket"');
    const compose = problemsOf(
      lessonFiles("04-pull", ["one", "two"], { "04-pull/exercises/two/check.sh": "cd /root/site && docker compose up -d\nexit 1\n" }),
    );
    assertProblem(compose, 'content/04-pull/exercises/two/check.sh: script: checks must be side-effect free and fast; found "docker compose up"');
    // The hint inside quotes alone is fine:
    const ok = problemsOf(
      lessonFiles("04-pull", ["one", "two"], { "04-pull/exercises/two/check.sh": 'echo "en: try docker pull busybox"\nexit 1\n' }),
    );
    assert.deepEqual(ok, []);
  });

  test("loadContent throws a ContentError listing every problem", () => {
    const dir = writeContent(lessonFiles("04-pull", ["one", "two"], { "04-pull/exercises/one/check.sh": null }));
    assert.throws(
      () => loadContent(dir),
      (err: unknown) =>
        err instanceof ContentError && /content\/04-pull\/en\.md: exercises\[0\]\.check: required/.test(err.message),
    );
  });
  test("a file that is not UTF-8 or too large is refused by name, without a second 'missing' report", () => {
    const dir = writeContent(lessonFiles());
    const en = path.join(dir, "04-pull/en.md");
    const good = fs.readFileSync(en);
    fs.writeFileSync(en, Buffer.concat([good.subarray(0, 20), Buffer.from([0xc3, 0x28]), good.subarray(20)]));
    fs.writeFileSync(path.join(dir, "04-pull/zh.md"), "x".repeat(MAX_LESSON_BYTES + 1));
    fs.writeFileSync(path.join(dir, "04-pull/exercises/one/check.sh"), "#".repeat(MAX_SCRIPT_BYTES + 1));
    const problems = validateContent(dir).problems.map(formatProblem);
    assertProblem(problems, "content/04-pull/en.md: file: not valid UTF-8 (first bad byte at offset 20)");
    assertProblem(problems, `content/04-pull/zh.md: file: too large (${MAX_LESSON_BYTES + 1} bytes; at most ${MAX_LESSON_BYTES})`);
    assertProblem(problems, "content/04-pull/exercises/one/check.sh: file: too large");
    assert.ok(!problems.some((p) => /check: required/.test(p)), problems.join("\n"));
  });

  test("firstInvalidUtf8 finds the first bad byte, also after multi-byte characters", () => {
    assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xff])), 1);
    assert.equal(firstInvalidUtf8(Buffer.concat([Buffer.from("拉取"), Buffer.from([0xe6, 0x41])])), 6);
  });
});
