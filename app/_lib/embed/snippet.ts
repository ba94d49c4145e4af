// The iframe snippet the lesson page's "Embed" button copies.

import type { Locale } from "@/app/_lib/i18n";
import type { EmbedTheme } from "./params";

export interface EmbedTarget {
  /** Where this site is served, e.g. "https://lab.example.org" (window.location.origin). */
  siteOrigin: string;
  /** Folder the site is served from, "" at the root. */
  basePath?: string;
  lesson: string;
  exercise: string;
  locale: Locale;
  theme: EmbedTheme;
  /** The host page's origin (normalised), or null: the embed then sends and accepts nothing. */
  hostOrigin: string | null;
}

export function embedPath(lesson: string, exercise: string): string {
  return `/embed/${encodeURIComponent(lesson)}/${encodeURIComponent(exercise)}/`;
}

export function embedUrl(t: EmbedTarget): string {
  const q = new URLSearchParams({ lang: t.locale, theme: t.theme });
  if (t.hostOrigin) q.set("origin", t.hostOrigin);
  return `${t.siteOrigin}${t.basePath ?? ""}${embedPath(t.lesson, t.exercise)}?${q}`;
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** An <iframe> to paste into a course page: full width, tall enough for the task and a terminal. */
export function iframeSnippet(t: EmbedTarget, title: string): string {
  return (
    `<iframe src="${escapeAttr(embedUrl(t))}" title="${escapeAttr(title)}" ` +
    `width="100%" height="640" style="border:0;border-radius:12px;max-width:960px" ` +
    `allow="clipboard-read; clipboard-write" loading="lazy"></iframe>`
  );
}
