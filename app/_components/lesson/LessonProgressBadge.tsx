"use client";
// How far the learner is in one lesson, from the progress stored in this browser: "2 of 3
// exercises done", or "Done" with a tick. Renders the exercise count alone until progress loads.

import { format } from "@/app/_lib/i18n";
import { emptyProgress, lessonCompletion } from "@/app/_lib/progress";
import { useLessonMessages } from "./useLessonMessages";
import { useProgress } from "./useProgress";

export function LessonProgressBadge({ slug, exerciseIds }: { slug: string; exerciseIds: string[] }) {
  const t = useLessonMessages().index;
  const progress = useProgress();
  const { passed, total, complete } = lessonCompletion(progress ?? emptyProgress(), slug, exerciseIds);
  return (
    <span className="mt-2.5 flex items-center gap-2 text-xs font-medium" data-testid="lesson-progress" data-passed={passed}>
      <span
        className={
          "inline-flex items-center gap-1 rounded-full border px-2 py-0.5 " +
          (complete ? "border-success/40 bg-success/10 text-fg" : "border-line text-muted")
        }
      >
        {complete ? (
          <svg viewBox="0 0 16 16" className="h-3 w-3 text-success" fill="none" stroke="currentColor" strokeWidth="2.5" aria-hidden="true">
            <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        ) : null}
        {complete ? t.done : format(t.progress, { passed, total })}
      </span>
    </span>
  );
}
