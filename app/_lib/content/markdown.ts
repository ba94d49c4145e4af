// Markdown -> sanitized HTML syntax tree (hast). Authored content is data: nothing is executed,
// raw HTML is sanitized, and links and images may only be http(s) or relative.
//
// Runnable blocks: a fenced code block whose info string is `<lang> run` (e.g. ```sh run) gets
// the attribute data-run on its <code> element; the lesson page shows a Run button for it.

import type { Root as HastRoot, Element as HastElement, ElementContent } from "hast";
import type { Code, Root as MdastRoot } from "mdast";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

type AnyNode = { type: string; children?: AnyNode[]; [key: string]: unknown };

/** Depth-first walk over a unist tree (tiny stand-in for unist-util-visit). */
function walk(node: AnyNode, fn: (node: AnyNode) => void): void {
  fn(node);
  if (Array.isArray(node.children)) for (const child of node.children) walk(child, fn);
}

/** Does a code fence's meta string mark it runnable (```sh run)? */
export function isRunMeta(meta: string | null | undefined): boolean {
  return !!meta && meta.split(/\s+/).includes("run");
}

/** remark plugin: mark runnable code blocks so the mark survives into hast. */
function remarkRunnable() {
  return (tree: MdastRoot) => {
    walk(tree as unknown as AnyNode, (n) => {
      if (n.type !== "code") return;
      const node = n as unknown as Code;
      if (!isRunMeta(node.meta)) return;
      node.data = node.data ?? {};
      node.data.hProperties = { ...(node.data.hProperties ?? {}), dataRun: "true" };
    });
  };
}

/** The only URL schemes a lesson may link to; anything else (javascript:, data:, mailto:, …) is dropped. */
const ALLOWED_PROTOCOLS = ["http", "https"];

export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  // Replaces every default list: `cite` (blockquote/q/del/ins) and `longDesc` go through the same filter.
  protocols: { href: ALLOWED_PROTOCOLS, src: ALLOWED_PROTOCOLS, cite: ALLOWED_PROTOCOLS, longDesc: ALLOWED_PROTOCOLS },
  attributes: {
    ...defaultSchema.attributes,
    code: [...(defaultSchema.attributes?.code ?? []), "dataRun"],
  },
};

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRunnable)
  .use(remarkRehype) // raw HTML is dropped here (allowDangerousHtml is off)…
  .use(rehypeSanitize, sanitizeSchema); // …and whatever remains is sanitized.

/** Render Markdown to a sanitized hast tree (JSON-serializable). */
export function renderMarkdown(markdown: string): HastRoot {
  const mdast = processor.parse(markdown);
  const hast = processor.runSync(mdast) as HastRoot;
  stripPositions(hast);
  return hast;
}

function stripPositions(node: { position?: unknown; children?: unknown[] }): void {
  delete node.position;
  if (Array.isArray(node.children)) for (const child of node.children) stripPositions(child as never);
}

/** The plain text of a hast node. */
export function hastText(node: HastElement | ElementContent | HastRoot): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map((c) => hastText(c as ElementContent)).join("");
  return "";
}

/** If `pre` wraps a runnable code block, return the command text; else null. */
export function runnableCommand(pre: HastElement): string | null {
  const code = pre.children.find(
    (c): c is HastElement => c.type === "element" && c.tagName === "code",
  );
  if (!code || code.properties?.dataRun === undefined) return null;
  return hastText(code).replace(/\n+$/, "");
}

/** The text of every runnable block (```sh run) in a lesson's Markdown, in order: what its Run buttons type. */
export function runBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  walk(processor.parse(markdown) as unknown as AnyNode, (node) => {
    if (node.type === "code" && isRunMeta(node.meta as string | null)) blocks.push(String(node.value ?? ""));
  });
  return blocks;
}

/** Links in Markdown whose protocol is not allowed (reported by the content check). */
export function disallowedLinks(markdown: string): string[] {
  const tree = processor.parse(markdown);
  const bad: string[] = [];
  walk(tree as unknown as AnyNode, (node) => {
    if (node.type !== "link" && node.type !== "image" && node.type !== "definition") return;
    const url = String(node.url ?? "");
    const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
    if (m && !ALLOWED_PROTOCOLS.includes(m[1].toLowerCase())) bad.push(url);
  });
  return bad;
}
