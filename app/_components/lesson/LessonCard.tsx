// One lesson in a list (the home page's, the lesson index): its number, title and summary, as one
// link; `footer` adds a line under the summary (the learner's progress), `arrow` a sign to go on.

import Link from "next/link";
import type { ReactNode } from "react";

export function LessonCard({
  href,
  order,
  numberLabel,
  title,
  summary,
  slug,
  testId,
  footer = null,
  arrow = false,
}: {
  href: string;
  order: number;
  /** "Lesson 3", in the page's language. */
  numberLabel: string;
  title: string;
  summary: string;
  slug: string;
  testId: string;
  footer?: ReactNode;
  arrow?: boolean;
}) {
  return (
    <Link
      href={href}
      className="group flex h-full gap-4 rounded-xl border border-line bg-elevated p-4 transition-colors hover:border-accent sm:p-5"
      data-testid={testId}
      data-slug={slug}
    >
      <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-accent-soft font-mono text-sm font-bold text-accent-text" aria-hidden="true">
        {String(order).padStart(2, "0")}
      </span>
      <span className="min-w-0 flex-1">
        <span className="block text-xs font-medium text-subtle">{numberLabel}</span>
        <span className="mt-0.5 block font-semibold text-fg group-hover:text-accent-text" data-testid="lesson-title">
          {title}
        </span>
        <span className="mt-1 block text-sm leading-relaxed text-muted">{summary}</span>
        {footer}
      </span>
      {arrow ? (
        <span className="self-center text-subtle transition-transform group-hover:text-accent-text motion-safe:group-hover:translate-x-0.5" aria-hidden="true">
          <svg className="h-4 w-4" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M4 10h12M11 5l5 5-5 5" />
          </svg>
        </span>
      ) : null}
    </Link>
  );
}
