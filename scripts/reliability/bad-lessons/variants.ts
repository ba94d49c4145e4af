// 200 malformed lessons (QUOTA below), generated deterministically from one real lesson (content/01-…, which
// has exercises, hints and a quiz). Each variant breaks one thing in one file and says which file
// and field the content check must name. Categories: bad frontmatter, unknown fields, huge files,
// invalid UTF-8, other (links, missing files, empty body).

import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";

export const BASE_LESSON = "01-virtualization";

export interface Variant {
  name: string;
  category: "bad frontmatter" | "unknown field" | "huge file" | "invalid UTF-8" | "other";
  /** Display path the check must name, relative to the content folder's parent, e.g. content/01-x/en.md. */
  file: string;
  /** Field the check must name for that file. */
  field: string;
  /** Breaks the copy of the lesson in `lessonDir`. */
  apply(lessonDir: string): void;
}

type Data = Record<string, any>;
const LOCALES = ["en", "zh"] as const;
const md = (locale: string) => `content/${BASE_LESSON}/${locale}.md`;
const script = (id: string, kind: string) => `content/${BASE_LESSON}/exercises/${id}/${kind}.sh`;

function editData(locale: string, edit: (data: Data) => void) {
  return (dir: string) => {
    const file = path.join(dir, `${locale}.md`);
    const parsed = matter(fs.readFileSync(file, "utf8"), {});
    const data = structuredClone(parsed.data) as Data;
    edit(data);
    fs.writeFileSync(file, matter.stringify(parsed.content, data));
  };
}

function editText(file: string, edit: (text: string) => string) {
  return (dir: string) => {
    const full = path.join(dir, file);
    fs.writeFileSync(full, edit(fs.readFileSync(full, "utf8")));
  };
}

function editBytes(file: string, edit: (bytes: Buffer) => Buffer) {
  return (dir: string) => {
    const full = path.join(dir, file);
    fs.writeFileSync(full, edit(fs.readFileSync(full)));
  };
}

/** Frontmatter-level breakage: the data edit and the field it breaks. */
function frontmatterCases(exerciseIds: string[], quizItems: number): Array<[string, string, (d: Data) => void]> {
  const cases: Array<[string, string, (d: Data) => void]> = [
    ["title missing", "title", (d) => delete d.title],
    ["title empty", "title", (d) => (d.title = "   ")],
    ["title a number", "title", (d) => (d.title = 123)],
    ["title a list", "title", (d) => (d.title = ["a", "b"])],
    ["title null", "title", (d) => (d.title = null)],
    ["summary missing", "summary", (d) => delete d.summary],
    ["summary an object", "summary", (d) => (d.summary = { text: "x" })],
    ["exercises missing", "exercises", (d) => delete d.exercises],
    ["exercises a string", "exercises", (d) => (d.exercises = "container-kernel")],
    ["one exercise only", "exercises", (d) => (d.exercises = d.exercises.slice(0, 1))],
    ["imageGraph a string", "imageGraph", (d) => (d.imageGraph = "yes")],
    ["quiz title missing", "quiz.title", (d) => delete d.quiz.title],
    ["quiz one choice", "quiz.choices", (d) => (d.quiz.choices = d.quiz.choices.slice(0, 1))],
    ["quiz no items", "quiz.items", (d) => (d.quiz.items = [])],
    ["quiz choices a map", "quiz.choices", (d) => (d.quiz.choices = { a: 1 })],
  ];
  exerciseIds.forEach((_, i) => {
    cases.push(
      [`exercise ${i} id with capitals`, `exercises[${i}].id`, (d) => (d.exercises[i].id = "Bad Id")],
      [`exercise ${i} id missing`, `exercises[${i}].id`, (d) => delete d.exercises[i].id],
      [`exercise ${i} id path traversal`, `exercises[${i}].id`, (d) => (d.exercises[i].id = "../../etc")],
      [`exercise ${i} title empty`, `exercises[${i}].title`, (d) => (d.exercises[i].title = "")],
      [`exercise ${i} task missing`, `exercises[${i}].task`, (d) => delete d.exercises[i].task],
      [`exercise ${i} task a number`, `exercises[${i}].task`, (d) => (d.exercises[i].task = 42)],
      [`exercise ${i} hint empty`, `exercises[${i}].hint`, (d) => (d.exercises[i].hint = "")],
      [`exercise ${i} not an object`, `exercises[${i}]`, (d) => (d.exercises[i] = "container-kernel")],
    );
  });
  cases.push(["exercise 1 duplicates exercise 0", "exercises[1].id", (d) => (d.exercises[1].id = d.exercises[0].id)]);
  for (let i = 0; i < quizItems; i++) {
    cases.push(
      [`quiz item ${i} answer not a choice`, `quiz.items[${i}].answer`, (d) => (d.quiz.items[i].answer = "nope")],
      [`quiz item ${i} prompt missing`, `quiz.items[${i}].prompt`, (d) => delete d.quiz.items[i].prompt],
    );
  }
  return cases;
}

/** YAML that does not parse, or frontmatter that is not YAML: the field is "frontmatter". */
const SYNTAX_CASES: Array<[string, string, (text: string) => string]> = [
  ["unclosed bracket", "frontmatter", (t) => t.replace(/^title: .*$/m, "title: [unclosed")],
  ["unclosed quote", "frontmatter", (t) => t.replace(/^title: .*$/m, 'title: "unclosed')],
  ["tab indentation", "frontmatter", (t) => t.replace(/^  - id:/m, "\t- id:")],
  ["duplicate key", "frontmatter", (t) => t.replace(/^title: (.*)$/m, "title: $1\ntitle: again")],
  ["JavaScript frontmatter", "frontmatter", (t) => t.replace(/^---\n/, "---js\n").replace(/^---js\n[\s\S]*?\n---\n/, "---js\nmodule.exports = { title: require('child_process').execSync('id').toString() }\n---\n")],
  ["a list, not a mapping", "frontmatter", (t) => t.replace(/^---\n[\s\S]*?\n---\n/, "---\n- a\n- b\n---\n")],
  ["a bare string", "frontmatter", (t) => t.replace(/^---\n[\s\S]*?\n---\n/, "---\njust words\n---\n")],
  ["bad anchor", "frontmatter", (t) => t.replace(/^title: .*$/m, "title: *nowhere")],
  ["no frontmatter at all", "title", (t) => t.replace(/^---\n[\s\S]*?\n---\n/, "")],
  ["binary tag", "title", (t) => t.replace(/^title: .*$/m, "title: !!binary aGVsbG8=")],
];

const UNKNOWN_TOP = ["titel", "author", "draft", "Exercises", "layout", "script", "onload", "__proto__x", "order", "slug"];
const UNKNOWN_EXERCISE = ["check", "solution", "points", "Title", "run"];
const UNKNOWN_QUIZ = ["shuffle", "timeLimit"];

const BAD_UTF8: Array<[string, number[]]> = [
  ["0xff byte", [0xff]],
  ["lone continuation byte", [0x80]],
  ["truncated 2-byte", [0xc3, 0x28]],
  ["truncated 3-byte", [0xe6, 0x8b, 0x41]],
  ["truncated 4-byte", [0xf0, 0x9f, 0x90, 0x41]],
  ["overlong slash", [0xc0, 0xaf]],
  ["UTF-16 surrogate", [0xed, 0xa0, 0x80]],
  ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
  ["Latin-1 é", [0x63, 0x61, 0x66, 0xe9, 0x20]],
  ["0xfe byte", [0xfe, 0xfe]],
];

function insertAt(bytes: Buffer, at: number, extra: number[]): Buffer {
  const i = Math.max(0, Math.min(bytes.length, at));
  return Buffer.concat([bytes.subarray(0, i), Buffer.from(extra), bytes.subarray(i)]);
}

export function generateVariants(contentRoot: string): Variant[] {
  const base = path.join(contentRoot, BASE_LESSON);
  const data = matter(fs.readFileSync(path.join(base, "en.md"), "utf8"), {}).data as Data;
  const exerciseIds: string[] = data.exercises.map((e: Data) => e.id);
  const quizItems = Math.min(3, data.quiz?.items?.length ?? 0);
  const out: Variant[] = [];

  // Bad frontmatter: every data case in both languages, then the syntax cases in both.
  for (const [name, field, edit] of frontmatterCases(exerciseIds, quizItems)) {
    for (const locale of LOCALES) out.push({ name: `${locale}: ${name}`, category: "bad frontmatter", file: md(locale), field, apply: editData(locale, edit) });
  }
  for (const [name, field, edit] of SYNTAX_CASES) {
    for (const locale of LOCALES) out.push({ name: `${locale}: ${name}`, category: "bad frontmatter", file: md(locale), field, apply: editText(`${locale}.md`, edit) });
  }

  // Unknown fields at each level.
  for (const key of UNKNOWN_TOP) {
    for (const locale of LOCALES) out.push({ name: `${locale}: unknown field ${key}`, category: "unknown field", file: md(locale), field: key, apply: editData(locale, (d) => (d[key] = "x")) });
  }
  UNKNOWN_EXERCISE.forEach((key, k) => {
    const i = k % exerciseIds.length;
    for (const locale of LOCALES) {
      out.push({ name: `${locale}: unknown exercise field ${key}`, category: "unknown field", file: md(locale), field: `exercises[${i}].${key}`, apply: editData(locale, (d) => (d.exercises[i][key] = "x")) });
    }
  });
  for (const key of UNKNOWN_QUIZ) {
    for (const locale of LOCALES) out.push({ name: `${locale}: unknown quiz field ${key}`, category: "unknown field", file: md(locale), field: `quiz.${key}`, apply: editData(locale, (d) => (d.quiz[key] = 1)) });
  }
  for (const locale of LOCALES) {
    out.push({ name: `${locale}: unknown quiz item field`, category: "unknown field", file: md(locale), field: "quiz.items[0].image", apply: editData(locale, (d) => (d.quiz.items[0].image = "x.png")) });
    out.push({ name: `${locale}: unknown quiz choice field`, category: "unknown field", file: md(locale), field: "quiz.choices[1].color", apply: editData(locale, (d) => (d.quiz.choices[1].color = "red")) });
  }

  // Huge files: Markdown and scripts, just over the limit up to 32 MiB.
  const sizes = [256 * 1024 + 1, 300_000, 1 << 20, 8 << 20, 32 << 20];
  for (const size of sizes) {
    for (const locale of LOCALES) {
      out.push({ name: `${locale}: ${size} bytes`, category: "huge file", file: md(locale), field: "file", apply: editBytes(`${locale}.md`, (b) => Buffer.concat([b, Buffer.alloc(Math.max(0, size - b.length), "a")])) });
    }
    for (const id of exerciseIds) {
      out.push({ name: `${id}/check.sh: ${size} bytes`, category: "huge file", file: script(id, "check"), field: "file", apply: editBytes(`exercises/${id}/check.sh`, (b) => Buffer.concat([b, Buffer.alloc(size, "#")])) });
    }
  }

  // Invalid UTF-8 in the frontmatter, the body and at the end, in Markdown and in scripts.
  for (const [name, bytes] of BAD_UTF8) {
    for (const locale of LOCALES) {
      out.push({ name: `${locale}: ${name} in the frontmatter`, category: "invalid UTF-8", file: md(locale), field: "file", apply: editBytes(`${locale}.md`, (b) => insertAt(b, b.indexOf("title: ") + 7, bytes)) });
      out.push({ name: `${locale}: ${name} in the body`, category: "invalid UTF-8", file: md(locale), field: "file", apply: editBytes(`${locale}.md`, (b) => insertAt(b, Math.floor(b.length * 0.7), bytes)) });
    }
    out.push({ name: `en: ${name} at the end`, category: "invalid UTF-8", file: md("en"), field: "file", apply: editBytes("en.md", (b) => Buffer.concat([b, Buffer.from(bytes)])) });
    const id = exerciseIds[BAD_UTF8.findIndex(([n]) => n === name) % exerciseIds.length];
    out.push({ name: `${id}/solution.sh: ${name}`, category: "invalid UTF-8", file: script(id, "solution"), field: "file", apply: editBytes(`exercises/${id}/solution.sh`, (b) => insertAt(b, 10, bytes)) });
  }

  // Other: links the page would refuse, missing or empty files.
  const badLinks = ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "mailto:x@example.com"];
  for (const url of badLinks) {
    for (const locale of LOCALES) out.push({ name: `${locale}: link to ${url.slice(0, 12)}`, category: "other", file: md(locale), field: "body", apply: editText(`${locale}.md`, (t) => `${t}\n[click](${url})\n`) });
  }
  for (const locale of LOCALES) {
    out.push({ name: `${locale}: image from data:`, category: "other", file: md(locale), field: "body", apply: editText(`${locale}.md`, (t) => `${t}\n![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)\n`) });
    out.push({ name: `${locale}: empty body`, category: "other", file: md(locale), field: "body", apply: editText(`${locale}.md`, (t) => t.replace(/\n---\n[\s\S]*$/, "\n---\n")) });
    out.push({ name: `${locale}.md missing`, category: "other", file: md(locale), field: "file", apply: (dir) => fs.rmSync(path.join(dir, `${locale}.md`)) });
  }
  exerciseIds.forEach((id, i) => {
    out.push({ name: `${id}/check.sh missing`, category: "other", file: md("en"), field: `exercises[${i}].check`, apply: (dir) => fs.rmSync(path.join(dir, "exercises", id, "check.sh")) });
    out.push({ name: `${id}/solution.sh empty`, category: "other", file: md("en"), field: `exercises[${i}].solution`, apply: (dir) => fs.writeFileSync(path.join(dir, "exercises", id, "solution.sh"), "") });
  });

  return Object.entries(QUOTA).flatMap(([category, n]) => spread(out.filter((v) => v.category === category), n));
}

/** How many of each category make the 200. */
const QUOTA: Record<Variant["category"], number> = { "bad frontmatter": 90, "unknown field": 30, "huge file": 20, "invalid UTF-8": 40, other: 20 };

/** `n` items spread evenly over the list (all of them if it is shorter: the count check then fails loudly). */
function spread<T>(list: T[], n: number): T[] {
  if (list.length <= n) return list;
  return Array.from({ length: n }, (_, i) => list[Math.floor((i * list.length) / n)]);
}
