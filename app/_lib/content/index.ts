// Server-only entry point to the lessons (reads content/ with node:fs at build time).
// Never import this from a client component; client code uses ./batch and ../progress.
//
//   listLessons(locale)      -> { slug, title, summary, order }[] sorted by order
//   getLesson(slug, locale)  -> the lesson: frontmatter, rendered body, exercises with scripts
//   listLessonSlugs()        -> every slug, for generateStaticParams
//
// Invalid content throws a ContentError naming the file and the field, which fails `next build`.

import path from "node:path";
import type { Root as HastRoot } from "hast";
import { loadContent, type LoadedContent } from "./loader";
import { renderMarkdown } from "./markdown";
import { LOCALES, type Exercise, type LessonSummary, type Locale, type Quiz } from "./schema";

export type { LessonSummary, Locale, Exercise, Quiz } from "./schema";
export { LOCALES } from "./schema";
export { ContentError } from "./loader";

export interface LessonExercise extends Exercise {
  /** The task text rendered from Markdown (sanitized hast). */
  taskHtml: HastRoot;
  /** The hint's two steps rendered from Markdown: the nudge, then the command. */
  hintHtml: { nudge: HastRoot; command: HastRoot };
}

export interface Lesson {
  slug: string;
  order: number;
  locale: Locale;
  title: string;
  summary: string;
  quiz: Quiz | null;
  imageGraph: boolean;
  containerGraph: boolean;
  /** The lesson's prose as a sanitized hast tree; runnable code blocks carry data-run. */
  body: HastRoot;
  exercises: LessonExercise[];
  previous: LessonSummary | null;
  next: LessonSummary | null;
  /** Total number of lessons in the course. */
  count: number;
}

const CONTENT_DIR = path.join(process.cwd(), "content");

let cache: LoadedContent | null = null;

function content(): LoadedContent {
  // In development re-read on every call so edits show up; in a build read once.
  if (cache && process.env.NODE_ENV === "production") return cache;
  cache = loadContent(CONTENT_DIR);
  return cache;
}

function toLocale(locale: string): Locale {
  return (LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : "en";
}

/** The lessons of the course in one language, sorted by order. */
export function listLessons(locale: string): LessonSummary[] {
  const l = toLocale(locale);
  return content().lessons.map(({ slug, order, locales }) => ({
    slug,
    order,
    title: locales[l].title,
    summary: locales[l].summary,
    exerciseIds: locales[l].exercises.map((e) => e.id),
  }));
}

/** Every lesson slug (same for all languages). */
export function listLessonSlugs(): string[] {
  return content().lessons.map((l) => l.slug);
}

/** One lesson in one language, or null if there is no lesson with that slug. */
export function getLesson(slug: string, locale: string): Lesson | null {
  return buildLesson(content(), slug, locale);
}

/** Every exercise of the course as { lesson, exercise }, for the embed route's static params. */
export function listExercisePaths(): Array<{ lesson: string; exercise: string }> {
  return content().lessons.flatMap((l) => l.locales.en.exercises.map((e) => ({ lesson: l.slug, exercise: e.id })));
}

/**
 * A lesson as its page shows it, from any loaded content (the course's, or a folder being
 * previewed or tested: see docs/authoring.md).
 */
export function buildLesson(loaded: LoadedContent, slug: string, locale: string): Lesson | null {
  const l = toLocale(locale);
  const lessons = loaded.lessons;
  const index = lessons.findIndex((x) => x.slug === slug);
  if (index < 0) return null;
  const data = lessons[index].locales[l];
  const summary = (i: number): LessonSummary | null => {
    const x = lessons[i];
    return x
      ? {
          slug: x.slug,
          order: x.order,
          title: x.locales[l].title,
          summary: x.locales[l].summary,
          exerciseIds: x.locales[l].exercises.map((e) => e.id),
        }
      : null;
  };
  return {
    slug: data.slug,
    order: data.order,
    locale: l,
    title: data.title,
    summary: data.summary,
    quiz: data.quiz ?? null,
    imageGraph: data.imageGraph ?? false,
    containerGraph: data.containerGraph ?? false,
    body: renderMarkdown(data.body),
    exercises: data.exercises.map((e) => ({
      ...e,
      taskHtml: renderMarkdown(e.task),
      hintHtml: { nudge: renderMarkdown(e.hint.nudge), command: renderMarkdown(e.hint.command) },
    })),
    previous: summary(index - 1),
    next: summary(index + 1),
    count: lessons.length,
  };
}
