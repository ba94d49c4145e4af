"use client";
// The frame every live picture shares: its title, an "Updating…" note while it redraws, a
// Refresh button and a lead sentence that says how to read it.

import type { ReactNode } from "react";
import { useLessonMessages } from "./useLessonMessages";

export function LivePictureFrame({
  id,
  title,
  lead,
  loading,
  ready,
  onRefresh,
  children,
  ...data
}: {
  id: string;
  title: string;
  lead: string;
  loading: boolean;
  ready: boolean;
  onRefresh: () => void;
  children: ReactNode;
} & { [attribute: `data-${string}`]: string | number }) {
  const t = useLessonMessages().picture;
  return (
    <section aria-labelledby={`${id}-title`} data-testid={id} {...data}>
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
          onClick={onRefresh}
          disabled={!ready || loading}
          className="ml-auto rounded-md px-2 py-1 text-xs font-medium text-accent-text hover:bg-accent-soft disabled:opacity-50"
        >
          {t.refresh}
        </button>
      </header>
      <p className="mt-1 text-xs leading-5 text-subtle">{lead}</p>
      <div className="mt-3">{children}</div>
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
