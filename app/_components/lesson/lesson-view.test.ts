// The lesson folder written only from docs/authoring.md (e2e/fixtures/authored-content/) renders
// as the site renders lessons: the same loader, Markdown pipeline and page component, in both
// languages, to static HTML (react-dom/server).

import assert from "node:assert/strict";
import { register } from "node:module";
import path from "node:path";
import { test } from "node:test";
import type { ComponentType } from "react";

// The terminal's component imports xterm's stylesheet, which only a bundler understands.
register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function load(url, context, next) { return url.endsWith(".css") ? { format: "module", source: "", shortCircuit: true } : next(url, context); }',
    ),
);

const { createElement } = await import("react");
const { renderToStaticMarkup } = await import("react-dom/server");
const { buildLesson } = await import("@/app/_lib/content");
const { loadContent } = await import("@/app/_lib/content/loader");
const { LocaleProvider } = await import("@/app/_lib/i18n/client");
const { SandboxProvider } = await import("@/app/_components/sandbox/SandboxProvider");
const { LessonView } = await import("./LessonView");

const FIXTURE = path.join(process.cwd(), "e2e/fixtures/authored-content");

function render(locale: "en" | "zh"): string {
  const lesson = buildLesson(loadContent(FIXTURE), "volumes", locale);
  assert.ok(lesson, "the fixture lesson loads");
  return renderToStaticMarkup(
    createElement(
      LocaleProvider,
      { locale, children: null },
      createElement(SandboxProvider as ComponentType, null, createElement(LessonView, { lesson, locale })),
    ),
  );
}

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").replace(/\s+/g, " ");

test("the authored fixture renders in English: title, prose, runnable commands, exercises, quiz", () => {
  const html = render("en");
  const words = text(html);
  assert.match(html, /<h1[^>]*>Keeping data in volumes<\/h1>/);
  assert.match(words, /Lesson 8 of 1/);
  assert.match(html, /<h2[^>]*>A container’s files are its own<\/h2>|<h2[^>]*>A container&#x27;s files are its own<\/h2>/);
  // ```sh run blocks get a Run button; the ```sh template and the ```text output do not.
  assert.equal((html.match(/data-testid="run-button"/g) ?? []).length, 2);
  assert.match(words, /docker volume create NAME/);
  assert.match(words, /DRIVER VOLUME NAME local notes/);
  assert.match(html, /<table/);
  assert.match(html, /href="https:\/\/docs\.docker\.com\/engine\/storage\/volumes\/" [^>]*target="_blank"/);
  // Both exercises with their tasks (inline code rendered); hints behind a button, so neither the
  // nudge nor the command is on the page until asked for; no scripts.
  assert.match(html, /data-testid="exercise-make-volume"/);
  assert.match(html, /data-testid="exercise-write-file"/);
  assert.match(html, /Create a volume named <code[^>]*>logs<\/code>\./);
  assert.match(words, /Leave a container named logger , created from busybox , that wrote the line started/);
  const hintButtons = html.match(/<button[^>]*data-testid="hint-button"[^>]*>/g) ?? [];
  assert.equal(hintButtons.length, 2);
  for (const button of hintButtons) assert.match(button, /aria-expanded="false"/);
  assert.doesNotMatch(words, /Volumes have their own|docker volume create logs/, "the hint is not shown before it is asked for");
  assert.doesNotMatch(html, /docker volume inspect logs/, "check scripts never reach the page");
  // The quiz, with its two choices.
  assert.match(words, /Where does it live\?/);
  assert.match(words, /A file written to a mounted volume/);
  assert.match(words, /Kept/);
});

test("the authored fixture renders in Chinese", () => {
  const html = render("zh");
  const words = text(html);
  assert.match(html, /<h1[^>]*>用卷保存数据<\/h1>/);
  assert.match(words, /第 8 课，共 1 课/);
  assert.match(words, /创建一个名为 logs 的卷。/);
  assert.match(words, /文件在哪里？/);
  assert.equal((html.match(/data-testid="run-button"/g) ?? []).length, 2);
});
