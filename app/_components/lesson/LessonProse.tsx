// Server component: turns a lesson's sanitized hast tree into React elements. No authored code
// runs: the tree is data (see app/_lib/content/markdown.ts); we only map tags to our components.

import type { Element, Root } from "hast";
import { toJsxRuntime, type Components } from "hast-util-to-jsx-runtime";
import type { ComponentProps, ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { hastText, runnableCommand } from "@/app/_lib/content/markdown";
import { ScrollableBox } from "@/app/_components/ui/ScrollableBox";
import { CodeBlock, type CodeKind } from "./CodeBlock";

function codeKind(pre: Element): CodeKind {
  const code = pre.children.find((c): c is Element => c.type === "element" && c.tagName === "code");
  const classes = (code?.properties?.className as string[] | undefined) ?? [];
  const lang = classes.find((c) => c.startsWith("language-"))?.slice("language-".length);
  if (lang === "text" || lang === "output" || lang === "console-output") return "output";
  if (lang === "sh" || lang === "bash" || lang === "shell" || lang === "console") return "command";
  return "code";
}

type WithNode<T extends keyof React.JSX.IntrinsicElements> = ComponentProps<T> & { node?: Element };

const components: Partial<Components> = {
  pre: ({ node }: WithNode<"pre">) => {
    if (!node) return null;
    const command = runnableCommand(node);
    return <CodeBlock text={command ?? hastText(node)} kind={codeKind(node)} runnable={command !== null} />;
  },
  // A long address or command in a sentence breaks where it must rather than run off a phone's screen.
  code: ({ children }: WithNode<"code">) => (
    <code className="rounded-md bg-code px-1.5 py-0.5 font-mono text-[0.85em] text-fg [overflow-wrap:anywhere]">{children}</code>
  ),
  a: ({ href, children }: WithNode<"a">) => {
    const external = typeof href === "string" && /^https?:/.test(href);
    return (
      <a
        href={href}
        className="font-medium text-accent-text underline decoration-accent-text/40 underline-offset-2 hover:decoration-accent-text"
        {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
      >
        {children}
      </a>
    );
  },
  h2: ({ children }: WithNode<"h2">) => (
    <h2 className="mt-10 mb-3 text-xl font-semibold tracking-tight text-fg first:mt-0">{children}</h2>
  ),
  h3: ({ children }: WithNode<"h3">) => <h3 className="mt-8 mb-2 text-lg font-semibold text-fg">{children}</h3>,
  p: ({ children }: WithNode<"p">) => <p className="my-4">{children}</p>,
  ul: ({ children }: WithNode<"ul">) => (
    <ul className="my-4 list-disc space-y-2 pl-6 marker:text-subtle">{children}</ul>
  ),
  ol: ({ children }: WithNode<"ol">) => (
    <ol className="my-4 list-decimal space-y-2 pl-6 marker:text-subtle">{children}</ol>
  ),
  blockquote: ({ children }: WithNode<"blockquote">) => (
    <blockquote className="my-6 rounded-r-lg border-l-4 border-accent bg-accent-soft px-5 py-1 text-fg [&_p]:my-3">
      {children}
    </blockquote>
  ),
  table: ({ children }: WithNode<"table">) => (
    <ScrollableBox className="my-6 overflow-x-auto rounded-lg border border-line">
      <table className="w-full border-collapse text-left text-[0.875rem]">{children}</table>
    </ScrollableBox>
  ),
  thead: ({ children }: WithNode<"thead">) => <thead className="bg-sunken">{children}</thead>,
  th: ({ children }: WithNode<"th">) => (
    <th className="border-b border-line px-3 py-2 font-semibold text-fg">{children}</th>
  ),
  td: ({ children }: WithNode<"td">) => (
    <td className="border-b border-line px-3 py-2 align-top text-muted [tr:last-child_&]:border-b-0">{children}</td>
  ),
  strong: ({ children }: WithNode<"strong">) => <strong className="font-semibold text-fg">{children}</strong>,
  hr: () => <hr className="my-8 border-line" />,
  img: () => null, // lessons show real terminal output instead of screenshots
};

/** Render a sanitized hast tree (lesson body or exercise task); `overrides` replace tag mappings. */
export function renderHast(tree: Root, overrides: Partial<Components> = {}): ReactNode {
  return toJsxRuntime(tree, { Fragment, jsx, jsxs, components: { ...components, ...overrides }, passNode: true });
}

export function LessonProse({ body }: { body: Root }) {
  return <div className="text-[1rem] leading-7 text-muted [&>*:first-child]:mt-0">{renderHast(body)}</div>;
}

/** Compact rendering for exercise tasks (inline code, no big margins). */
export function TaskText({ tree }: { tree: Root }) {
  return <div className="text-sm leading-6 text-muted [&_p]:my-0 [&_p+p]:mt-2">{renderHast(tree)}</div>;
}
