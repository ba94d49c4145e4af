// A lesson on the course's path that is still being written: the same shape as a LessonCard, but
// not a link, drawn dashed and muted, and saying so in words (not by its look alone).

export function UpcomingLessonCard({
  order,
  numberLabel,
  title,
  summary,
  status,
}: {
  order: number;
  numberLabel: string;
  title: string;
  summary: string;
  /** "In preparation", in the page's language. */
  status: string;
}) {
  return (
    <div className="flex gap-4 rounded-xl border border-dashed border-line-strong bg-bg p-4 sm:p-5" data-testid="lesson-upcoming" data-order={order}>
      <span className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg border border-dashed border-line-strong bg-bg font-mono text-sm font-bold text-subtle" aria-hidden="true">
        {String(order).padStart(2, "0")}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex flex-wrap items-center gap-2 text-xs font-medium text-subtle">
          {numberLabel}
          <span className="rounded-full border border-line-strong px-2 py-0.5 text-muted">{status}</span>
        </span>
        <span className="mt-0.5 block font-semibold text-muted">{title}</span>
        <span className="mt-1 block text-sm leading-relaxed text-subtle">{summary}</span>
      </span>
    </div>
  );
}
