"use client";
// What every live picture of the engine shares: the redraw after each command (useLivePicture),
// its title with an "Updating…" note and a Refresh button, a lead sentence that says how to read
// it, and what shows before the first drawing (waiting for the machine, an error, updating).
// A picture supplies its script, its parser and how to draw the parsed data.

import type { ReactNode } from "react";
import { useLessonMessages } from "./useLessonMessages";
import { useLivePicture } from "./useLivePicture";

export function LivePicture<T>({
  id,
  script,
  parse,
  active,
  title,
  lead,
  errorText,
  count,
  children,
}: {
  /** The section's data-testid, and the prefix of its heading's id. */
  id: string;
  script: string;
  parse: (stdout: string) => T;
  /** Whether the picture is on screen (useLivePicture says what that changes). */
  active: boolean;
  title: string;
  lead: string;
  /** The message for a redraw that failed before anything was drawn. */
  errorText: (error: string) => string;
  /** The section's data-count: how many things the picture holds. */
  count: (data: T) => number;
  /** The picture, from the parsed data. */
  children: (data: T) => ReactNode;
}) {
  const t = useLessonMessages().picture;
  const { data, error, loading, ready, refresh } = useLivePicture(script, parse, active);
  const placeholder = !ready ? t.waiting : error ? errorText(error) : t.updating;
  return (
    <section aria-labelledby={`${id}-title`} data-testid={id} data-count={data === null ? 0 : count(data)}>
      <header className="flex items-center gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-fg">
          {title}
        </h2>
        {loading ? (
          <span className="text-xs text-subtle" aria-live="polite">
            {t.updating}
          </span>
        ) : null}
        <button
          type="button"
          onClick={() => void refresh()}
          disabled={!ready || loading}
          className="ml-auto rounded-md px-2 py-1 text-xs font-medium text-accent-text hover:bg-accent-soft disabled:opacity-50"
        >
          {t.refresh}
        </button>
      </header>
      <p className="mt-1 text-xs leading-5 text-subtle">{lead}</p>
      <div className="mt-3">{data === null ? <PicturePlaceholder>{placeholder}</PicturePlaceholder> : children(data)}</div>
    </section>
  );
}

export function PicturePlaceholder({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-line-strong px-4 py-6 text-center text-sm text-subtle">
      {children}
    </div>
  );
}
