// The guides in docs/ that the site also shows, at /<locale>/docs/<name>/: read at build time,
// rendered through the lessons' sanitizing Markdown pipeline. docs/<name>.md is the source of
// truth (it reads well on GitHub too); links between guides (`embed.md#x`) become site links, and
// the headings get GitHub's anchors, so such a link lands on its section on both.

import fs from "node:fs";
import path from "node:path";
import type { Root as HastRoot } from "hast";
import { hastText, renderMarkdown } from "@/app/_lib/content/markdown";
import type { Locale } from "@/app/_lib/i18n";

export const GUIDES = ["authoring", "embed", "deploy"] as const;
export type GuideName = (typeof GUIDES)[number];

export function isGuide(name: string): name is GuideName {
  return (GUIDES as readonly string[]).includes(name);
}

export interface Guide {
  name: GuideName;
  title: string;
  body: HastRoot;
  /** Language of the text: a guide without a translation is shown in English. */
  lang: Locale;
}

const DOCS_DIR = path.join(process.cwd(), "docs");

/** Split "# Title\n\nbody" into the title and the rest. */
export function splitTitle(markdown: string): { title: string; body: string } {
  const match = /^#\s+(.+)\n/.exec(markdown.replace(/^\uFEFF/, ""));
  if (!match) throw new Error("a guide starts with a '# Title' line");
  return { title: match[1].trim(), body: markdown.slice(match[0].length) };
}

/** `](embed.md#events)` -> `](/en/docs/embed/#events)`; other links are left alone. */
export function rewriteGuideLinks(markdown: string, locale: Locale): string {
  return markdown.replace(/\]\(([a-z-]+)\.md(#[^)\s]*)?\)/g, (whole, name: string, hash = "") =>
    isGuide(name) ? `](/${locale}/docs/${name}/${hash})` : whole,
  );
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** Gives the guide's h2 and h3 their anchors as ids; a repeated one gets -1, -2, as on GitHub. */
export function addHeadingIds(tree: HastRoot): HastRoot {
  const seen = new Map<string, number>();
  for (const node of tree.children) {
    if (node.type !== "element" || (node.tagName !== "h2" && node.tagName !== "h3")) continue;
    const anchor = headingAnchor(hastText(node));
    const count = seen.get(anchor) ?? 0;
    seen.set(anchor, count + 1);
    node.properties = { ...node.properties, id: count === 0 ? anchor : `${anchor}-${count}` };
  }
  return tree;
}

export function loadGuide(name: GuideName, locale: Locale): Guide {
  const translated = path.join(DOCS_DIR, `${name}.${locale}.md`);
  const useTranslation = locale !== "en" && fs.existsSync(translated);
  const source = fs.readFileSync(useTranslation ? translated : path.join(DOCS_DIR, `${name}.md`), "utf8");
  const { title, body } = splitTitle(source);
  return { name, title, body: addHeadingIds(renderMarkdown(rewriteGuideLinks(body, locale))), lang: useTranslation ? locale : "en" };
}
