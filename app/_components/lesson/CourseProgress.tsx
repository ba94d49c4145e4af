"use client";
// The lesson index's summary of the whole course, from the progress stored in this browser: the
// exercises done of all, and where to go on (the first lesson with an exercise left).

import Link from "next/link";
import { format } from "@/app/_lib/i18n";
import { useLocale } from "@/app/_lib/i18n/client";
import { nextLesson } from "@/app/_lib/content/course-path";
import { emptyProgress, isPassed, lessonCompletion } from "@/app/_lib/progress";
import { useLessonMessages } from "./useLessonMessages";
import { useProgress } from "./useProgress";

export interface CourseLesson {
  slug: string;
  order: number;
  title: string;
  exerciseIds: string[];
}

export function CourseProgress({ lessons }: { lessons: CourseLesson[] }) {
  const t = useLessonMessages().index;
  const locale = useLocale();
  const progress = useProgress() ?? emptyProgress();
  const completions = lessons.map((lesson) => lessonCompletion(progress, lesson.slug, lesson.exerciseIds));
  const total = completions.reduce((sum, c) => sum + c.total, 0);
  const passed = completions.reduce((sum, c) => sum + c.passed, 0);
  const next = nextLesson(lessons, (lesson, id) => isPassed(progress, lesson.slug, id));
  const percent = total > 0 ? Math.round((passed / total) * 100) : 0;

  return (
    <div className="mt-8 rounded-xl border border-line bg-elevated p-4 sm:p-5" data-testid="course-progress" data-passed={passed}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <span className="text-sm font-medium text-fg">{t.courseProgressLabel}</span>
        <span className="text-sm tabular-nums text-muted">{format(t.courseProgress, { passed, total })}</span>
      </div>
      <div
        className="mt-2 h-2 w-full overflow-hidden rounded-full bg-sunken"
        role="progressbar"
        aria-label={t.courseProgressLabel}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="h-full rounded-full bg-success" style={{ width: `${percent}%` }} />
      </div>
      <div className="mt-4">
        {next ? (
          <Link
            href={`/${locale}/learn/${next.slug}/`}
            className="inline-flex items-center gap-2 rounded-lg bg-accent px-4 py-2 text-sm font-semibold text-accent-fg hover:bg-accent-hover"
            data-testid="course-continue"
          >
            {passed === 0 ? t.start : format(t.continueWith, { n: next.order, title: next.title })}
            <svg className="h-4 w-4" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
              <path d="M4 10h12M11 5l5 5-5 5" />
            </svg>
          </Link>
        ) : (
          <p className="text-sm font-medium text-fg">{t.allDone}</p>
        )}
      </div>
    </div>
  );
}
