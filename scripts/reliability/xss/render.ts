// Lesson Markdown to the HTML the site serves: the real pipeline (renderMarkdown: remark, then
// rehype-sanitize) and the real components (LessonProse for the body, TaskText for an exercise's
// task), rendered to static markup as the static export does.

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { LessonProse, TaskText } from "../../../app/_components/lesson/LessonProse";
import { renderMarkdown } from "../../../app/_lib/content/markdown";
import { LocaleProvider } from "../../../app/_lib/i18n/client";

export function lessonHtml(markdown: string): string {
  const tree = renderMarkdown(markdown);
  const children = [
    createElement("main", { id: "body", key: "body" }, createElement(LessonProse, { body: tree })),
    createElement("aside", { id: "task", key: "task" }, createElement(TaskText, { tree: renderMarkdown(markdown) })),
  ];
  return renderToStaticMarkup(createElement(LocaleProvider, { locale: "en", children }));
}

export function page(inner: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lesson</title></head><body>${inner}</body></html>`;
}
