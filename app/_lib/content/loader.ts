// Reads and validates content/. Pure Node (fs + path): used by the site at build time (through
// ./index.ts), by scripts/content-check.ts and by the unit tests (with a temporary folder).
//
// Every problem names the file and the field, e.g.
//   content/04-pull/en.md: exercises[1].check: required

import fs from "node:fs";
import path from "node:path";
import matter from "gray-matter";
import { chineseCheckMessages, chineseTypography, type TypographyFinding } from "./chinese-typography";
import { disallowedLinks, runBlocks } from "./markdown";
import { solvedByRunButtons } from "./solved-by-run-buttons";
import { withCheckHelpers } from "@/app/_lib/exercises/check-helpers";
import { z } from "zod";
import {
  EXERCISE_ID_PATTERN,
  exerciseFrontmatterSchema,
  type ExerciseFrontmatter,
  LESSON_DIR_PATTERN,
  LOCALES,
  lessonFrontmatterSchema,
  type Exercise,
  type LessonData,
  type LessonFrontmatter,
  type Locale,
} from "./schema";

export interface ContentProblem {
  /** Display path, e.g. "content/04-pull/en.md". */
  file: string;
  /** Field path, e.g. "exercises[1].check", or "file", "frontmatter", "body". */
  field: string;
  message: string;
}

export const formatProblem = (p: ContentProblem) => `${p.file}: ${p.field}: ${p.message}`;

export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `Invalid lesson content (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => "  " + formatProblem(p)).join("\n"),
    );
    this.name = "ContentError";
  }
}

/** A lesson in one language, validated, with its Markdown body still as text. */
export interface LoadedLesson extends LessonData {
  body: string;
  /** Display path of the source file. */
  file: string;
}

export interface LoadedContent {
  /** Lessons sorted by order; each has every locale. */
  lessons: { slug: string; order: number; dir: string; locales: Record<Locale, LoadedLesson> }[];
}

export interface FileResult {
  file: string;
  problems: ContentProblem[];
}

export interface ValidationReport {
  content: LoadedContent | null;
  files: FileResult[];
  problems: ContentProblem[];
}

/** Format a zod field path like `exercises[1].check`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else out += (out ? "." : "") + String(s);
  }
  return out || "frontmatter";
}

function issuesToProblems(file: string, issues: z.core.$ZodIssue[], data: unknown): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({ file, field: formatPath([...issue.path, key]), message: "unknown field" });
      }
      continue;
    }
    let message = issue.message;
    if (issue.code === "invalid_type" && valueAt(data, issue.path) === undefined) message = "required";
    problems.push({ file, field: formatPath(issue.path), message });
  }
  return problems;
}

function valueAt(data: unknown, segments: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const s of segments) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[s];
  }
  return v;
}

const exerciseListSchema = z.array(exerciseFrontmatterSchema);

const rejectCode = () => {
  throw new Error("only YAML frontmatter is allowed (code frontmatter is never executed)");
};

/** Parse `---` YAML frontmatter; JavaScript/CoffeeScript frontmatter engines are disabled. */
function parseFrontmatter(source: string): { data: unknown; body: string } {
  // Passing options also disables gray-matter's cache, which would share mutable results.
  const parsed = matter(source, {
    language: "yaml",
    engines: { js: rejectCode, javascript: rejectCode, coffee: rejectCode, coffeescript: rejectCode },
  });
  return { data: parsed.data, body: parsed.content };
}

/** Largest lesson file (Markdown) and exercise script accepted: far above any real lesson, far below what slows the build. */
export const MAX_LESSON_BYTES = 256 * 1024;
export const MAX_SCRIPT_BYTES = 64 * 1024;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's text, or why it cannot be used (too big, not UTF-8); null when it does not exist. */
function readText(file: string, maxBytes: number): { text: string } | { problem: string } | null {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return null;
  }
  // Checked before reading: a huge file is refused without loading it.
  if (size > maxBytes) return { problem: `too large (${size} bytes; at most ${maxBytes})` };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  try {
    return { text: strictUtf8.decode(bytes) };
  } catch {
    // Node's plain utf8 read would silently turn bad bytes into U+FFFD; say where they are instead.
    return { problem: `not valid UTF-8 (first bad byte at offset ${firstInvalidUtf8(bytes)})` };
  }
}

/** Offset where the first broken UTF-8 sequence starts (the bytes are known to be invalid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decodes = (end: number, stream: boolean) => {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream });
      return true;
    } catch {
      return false;
    }
  };
  // Longest prefix that is valid so far (a character may still be incomplete at its end)…
  let lo = 0;
  let hi = bytes.length + 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (decodes(mid, true)) lo = mid;
    else hi = mid;
  }
  // …then back to where that incomplete character began.
  for (let start = lo; start > lo - 4 && start >= 0; start--) if (decodes(start, false)) return start;
  return lo;
}

/** Side effects a check must never have (checks run after every command the learner types). */
const CHECK_FORBIDDEN = [
  /\bdocker\s+(pull|run|create|start|stop|restart|kill|rm|rmi|tag|push|build|commit|import|load|exec)\b/,
  /\bdocker\s+(container|image)\s+(rm|prune|create|run|start|tag|push|pull)\b/,
  /\bdocker(?:\s+|-)compose\s+(up|down|start|stop|restart|kill|rm|create|run|build|pull|push)\b/,
  // The Engine API through the helpers (engine, container_json, …) only reads; a request of the
  // check's own could POST or DELETE.
  /--unix-socket\b/,
];

/** Shell text without comments and quoted strings (hint messages may mention any command). */
export function stripStringsAndComments(script: string): string {
  return script
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/'[^']*'/g, "''")
    .replace(/(^|\s)#.*$/gm, "$1");
}

function typographyMessage(finding: TypographyFinding): string {
  return `Chinese typography: ${finding.message} (${finding.excerpt})`;
}

/** Every string in parsed frontmatter, with its field path: the text a learner reads. */
function textFields(data: unknown, at: PropertyKey[] = []): Array<[string, string]> {
  if (typeof data === "string") return [[formatPath(at), data]];
  if (Array.isArray(data)) return data.flatMap((v, i) => textFields(v, [...at, i]));
  if (data && typeof data === "object") return Object.entries(data).flatMap(([k, v]) => textFields(v, [...at, k]));
  return [];
}

/**
 * Validate every lesson under `contentDir`. Never throws for bad content: all problems are
 * collected and returned, with a per-file breakdown for the content check's report.
 */
export function validateContent(contentDir: string): ValidationReport {
  const root = path.basename(contentDir) || "content";
  const show = (...parts: string[]) => [root, ...parts].join("/");
  const files = new Map<string, ContentProblem[]>();
  const touch = (file: string) => {
    if (!files.has(file)) files.set(file, []);
    return files.get(file)!;
  };
  const add = (p: ContentProblem) => touch(p.file).push(p);

  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(contentDir, { withFileTypes: true });
  } catch {
    add({ file: root, field: "file", message: "content folder not found" });
    return finish();
  }

  const lessons: LoadedContent["lessons"] = [];
  const orders = new Map<number, string>();
  const exerciseOwners = new Map<string, string>(); // id -> display file that declared it first

  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const dirName = entry.name;
    const dir = path.join(contentDir, dirName);
    const match = LESSON_DIR_PATTERN.exec(dirName);
    if (!match) {
      add({
        file: show(dirName),
        field: "folder",
        message: 'lesson folders are named NN-slug, e.g. "04-pull"',
      });
      continue;
    }
    const order = Number(match[1]);
    const slug = match[2];
    if (orders.has(order)) {
      add({
        file: show(dirName),
        field: "order",
        message: `number ${match[1]} is already used by ${orders.get(order)}`,
      });
    } else orders.set(order, show(dirName));

    // Scripts, read once for both languages.
    const scripts = new Map<string, { check: string | null; solution: string | null }>();
    // "id/kind" of scripts already reported as unusable (too large, not UTF-8): not "missing" too.
    const reportedScripts = new Set<string>();
    const exercisesDir = path.join(dir, "exercises");
    let exerciseDirs: string[] = [];
    try {
      exerciseDirs = fs
        .readdirSync(exercisesDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch {
      /* no exercises folder: every declared exercise will report its missing scripts */
    }
    for (const id of exerciseDirs) {
      const [check, solution] = (["check", "solution"] as const).map((kind) => {
        const file = show(dirName, "exercises", id, `${kind}.sh`);
        touch(file);
        const read = readText(path.join(exercisesDir, id, `${kind}.sh`), MAX_SCRIPT_BYTES);
        if (read && "problem" in read) {
          add({ file, field: "file", message: read.problem });
          reportedScripts.add(`${id}/${kind}`);
          return "";
        }
        return read?.text ?? null;
      });
      scripts.set(id, { check, solution });
      if (!EXERCISE_ID_PATTERN.test(id)) {
        add({
          file: show(dirName, "exercises", id),
          field: "folder",
          message: "exercise folders are named by their id (lower-case words joined by hyphens)",
        });
      }
      if (check !== null) {
        for (const message of chineseCheckMessages(check)) {
          for (const finding of chineseTypography(message, { markdown: false })) {
            add({ file: show(dirName, "exercises", id, "check.sh"), field: "zh message", message: typographyMessage(finding) });
          }
        }
        const code = stripStringsAndComments(check);
        for (const re of CHECK_FORBIDDEN) {
          const m = re.exec(code);
          if (m) {
            add({
              file: show(dirName, "exercises", id, "check.sh"),
              field: "script",
              message: `checks must be side-effect free and fast; found "${m[0]}"`,
            });
          }
        }
      }
    }

    const perLocale: Partial<Record<Locale, LoadedLesson>> = {};
    const declared = new Map<Locale, { exercises: ExerciseFrontmatter[]; fm: LessonFrontmatter | null }>();

    for (const locale of LOCALES) {
      const file = show(dirName, `${locale}.md`);
      touch(file);
      const read = readText(path.join(dir, `${locale}.md`), MAX_LESSON_BYTES);
      if (read === null) {
        add({ file, field: "file", message: "missing (every lesson needs en.md and zh.md)" });
        continue;
      }
      if ("problem" in read) {
        add({ file, field: "file", message: read.problem });
        continue;
      }
      const source = read.text;
      let data: unknown;
      let body: string;
      try {
        ({ data, body } = parseFrontmatter(source));
      } catch (e) {
        add({ file, field: "frontmatter", message: (e as Error).message.split("\n")[0] });
        continue;
      }
      const result = lessonFrontmatterSchema.safeParse(data);
      let fm: LessonFrontmatter | null = null;
      if (result.success) fm = result.data;
      else for (const p of issuesToProblems(file, result.error.issues, data)) add(p);
      // Even when another field is wrong, keep checking the exercises if they parse on their own.
      const declaredExercises =
        fm?.exercises ?? exerciseListSchema.safeParse((data as { exercises?: unknown } | null)?.exercises).data;
      if (!declaredExercises) continue;
      declared.set(locale, { exercises: declaredExercises, fm });

      if (!body.trim()) add({ file, field: "body", message: "the lesson has no text" });
      if (locale === "zh") {
        for (const finding of chineseTypography(body)) add({ file, field: "body", message: typographyMessage(finding) });
        for (const [field, value] of textFields(data)) {
          for (const finding of chineseTypography(value)) add({ file, field, message: typographyMessage(finding) });
        }
      }
      for (const url of disallowedLinks(body)) {
        add({ file, field: "body", message: `link "${url}" is not allowed (only http(s) and relative links)` });
      }

      // Exercises: ids unique within the lesson and across lessons; scripts present.
      const exercises: Exercise[] = [];
      const seen = new Set<string>();
      declaredExercises.forEach((ex, i) => {
        if (seen.has(ex.id)) {
          add({ file, field: `exercises[${i}].id`, message: `duplicate id "${ex.id}" in this lesson` });
        }
        seen.add(ex.id);
        if (locale === LOCALES[0]) {
          const owner = exerciseOwners.get(ex.id);
          if (owner && owner !== file) {
            add({ file, field: `exercises[${i}].id`, message: `duplicate id "${ex.id}", already used by ${owner}` });
          } else exerciseOwners.set(ex.id, file);
        }
        const s = scripts.get(ex.id);
        for (const kind of ["check", "solution"] as const) {
          const text = s?.[kind];
          const scriptFile = show(dirName, "exercises", ex.id, `${kind}.sh`);
          if (text === null || text === undefined || !text.trim()) {
            if (!reportedScripts.has(`${ex.id}/${kind}`)) {
              reportedScripts.add(`${ex.id}/${kind}`);
              add({
                file,
                field: `exercises[${i}].${kind}`,
                message: `required (${scriptFile} is ${text === null || text === undefined ? "missing" : "empty"})`,
              });
            }
          }
        }
        exercises.push({ ...ex, check: s?.check ? withCheckHelpers(s.check) : "", solution: s?.solution ?? "" });
      });

      if (!fm) continue;
      perLocale[locale] = {
        ...fm,
        slug,
        order,
        locale,
        exercises,
        body,
        file,
      };
    }

    // Exercises that the lesson's own Run buttons solve, line for line (either language's text).
    if (LOCALES.every((l) => perLocale[l])) {
      const blocks = LOCALES.flatMap((l) => runBlocks(perLocale[l]!.body));
      for (const exercise of perLocale[LOCALES[0]]!.exercises) {
        const typed = solvedByRunButtons(exercise.solution, blocks);
        if (typed) {
          add({
            file: show(dirName, "exercises", exercise.id, "solution.sh"),
            field: "solution",
            message:
              `every line of it is typed by the lesson's Run buttons (${typed.map((l) => `"${l}"`).join(", ")}): ` +
              "ask for what the lesson taught, applied to another name, image or target, so the learner has to recall it",
          });
        }
      }
    }

    // Exercise folders nobody declared.
    const declaredIds = new Set([...declared.values()].flatMap((d) => d.exercises.map((e) => e.id)));
    for (const id of exerciseDirs) {
      if (!declaredIds.has(id) && declared.size === LOCALES.length) {
        add({
          file: show(dirName, "exercises", id),
          field: "folder",
          message: `exercise "${id}" is not declared in the frontmatter of ${LOCALES.map((l) => l + ".md").join(" / ")}`,
        });
      }
    }

    // Languages must agree on everything that is not text.
    const [first, ...others] = LOCALES;
    const baseDecl = declared.get(first);
    if (baseDecl) {
      for (const locale of others) {
        const decl = declared.get(locale);
        if (!decl) continue;
        const file = show(dirName, `${locale}.md`);
        const ref = `${first}.md`;
        const a = baseDecl.exercises.map((e) => e.id);
        const b = decl.exercises.map((e) => e.id);
        if (a.length !== b.length) {
          add({
            file,
            field: "exercises",
            message: `declares ${b.length} exercises (${b.join(", ")}), ${ref} declares ${a.length} (${a.join(", ")})`,
          });
        } else {
          b.forEach((id, i) => {
            if (id !== a[i]) {
              add({ file, field: `exercises[${i}].id`, message: `"${id}" does not match ${ref} ("${a[i]}")` });
            }
          });
        }
        const base = baseDecl.fm;
        const fm = decl.fm;
        if (!base || !fm) continue;
        for (const field of ["imageGraph", "containerGraph"] as const) {
          if (!!base[field] !== !!fm[field]) add({ file, field, message: `differs from ${ref}` });
        }
        if (!!base.quiz !== !!fm.quiz) {
          add({ file, field: "quiz", message: `present in only one of ${ref} and ${locale}.md` });
        } else if (base.quiz && fm.quiz) {
          const ca = base.quiz.choices.map((c) => c.id).join(",");
          const cb = fm.quiz.choices.map((c) => c.id).join(",");
          if (ca !== cb) add({ file, field: "quiz.choices", message: `ids (${cb}) differ from ${ref} (${ca})` });
          const ia = base.quiz.items.map((c) => `${c.id}=${c.answer}`).join(",");
          const ib = fm.quiz.items.map((c) => `${c.id}=${c.answer}`).join(",");
          if (ia !== ib) add({ file, field: "quiz.items", message: `ids/answers (${ib}) differ from ${ref} (${ia})` });
        }
      }
    }

    if (LOCALES.every((l) => perLocale[l])) {
      lessons.push({ slug, order, dir, locales: perLocale as Record<Locale, LoadedLesson> });
    }
  }

  // Slugs must be unique too (two folders 03-x and 05-x would collide in URLs).
  const slugs = new Map<string, string>();
  for (const l of lessons) {
    const file = show(path.basename(l.dir));
    if (slugs.has(l.slug)) add({ file, field: "slug", message: `"${l.slug}" is already used by ${slugs.get(l.slug)}` });
    else slugs.set(l.slug, file);
  }

  lessons.sort((a, b) => a.order - b.order);
  return finish(lessons);

  function finish(lessonList?: LoadedContent["lessons"]): ValidationReport {
    const all = [...files.entries()].map(([file, problems]) => ({ file, problems }));
    const problems = all.flatMap((f) => f.problems);
    return {
      content: problems.length === 0 && lessonList ? { lessons: lessonList } : null,
      files: all,
      problems,
    };
  }
}

/** Load and validate; throws a ContentError naming every file and field that is wrong. */
export function loadContent(contentDir: string): LoadedContent {
  const report = validateContent(contentDir);
  if (!report.content) throw new ContentError(report.problems);
  return report.content;
}
