// A lesson page's content: the text (header, prose, quiz, pager) beside the workspace (terminal,
// exercises), or in tabs on a narrow screen (LessonPanes). Needs a sandbox provider above it (app/[locale]/learn/layout.tsx on the site).
// A component of its own so a lesson folder can be rendered exactly as the site renders it, e.g.
// the authoring guide's fixture in lesson-view.test.ts.

import Link from "next/link";
import type { Lesson } from "@/app/_lib/content";
import { format, type Locale } from "@/app/_lib/i18n";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { ExercisesPanel } from "./ExercisesPanel";
import { LessonProse, TaskText } from "./LessonProse";
import { LessonStateProvider } from "./LessonState";
import { LessonPanes } from "./LessonPanes";
import { LessonWorkspace, type Picture } from "./LessonWorkspace";
import { Quiz } from "./Quiz";
import { ShareButton } from "./ShareButton";

export function LessonView({ lesson, locale }: { lesson: Lesson; locale: Locale }) {
  const next = lesson.next ? { href: `/${locale}/learn/${lesson.next.slug}/`, title: lesson.next.title } : null;

  return (
    // The machine comes from app/[locale]/learn/(lessons)/layout.tsx (one SandboxProvider for all lessons).
    <LessonStateProvider
      key={lesson.slug}
      slug={lesson.slug}
      exercises={lesson.exercises.map((e) => ({ id: e.id, title: e.title, check: e.check }))}
    >
      <div className="flex flex-1 flex-col" data-testid="lesson" data-slug={lesson.slug}>
        <LessonPanes
          title={lesson.title}
          exerciseIds={lesson.exercises.map((e) => e.id)}
          lesson={
            <>
              <LessonHeader lesson={lesson} locale={locale} />
              <LessonProse body={lesson.body} />
              {lesson.quiz ? <Quiz quiz={lesson.quiz} /> : null}
              <LessonPager lesson={lesson} locale={locale} />
            </>
          }
          workspace={
            <LessonWorkspace
              pictures={lessonPictures(lesson)}
              exerciseIds={lesson.exercises.map((e) => e.id)}
              exercisesPanel={
                <ExercisesPanel
                  next={next}
                  exercises={lesson.exercises.map((e) => ({
                    id: e.id,
                    title: e.title,
                    task: <TaskText tree={e.taskHtml} />,
                    hint: { nudge: <TaskText tree={e.hintHtml.nudge} />, command: <TaskText tree={e.hintHtml.command} /> },
                  }))}
                />
              }
            />
          }
        />
      </div>
    </LessonStateProvider>
  );
}

/** The live pictures a lesson's frontmatter asks for, in the order of their tabs. */
function lessonPictures(lesson: Lesson): Picture[] {
  const pictures: Picture[] = [];
  if (lesson.imageGraph) pictures.push("images");
  if (lesson.containerGraph) pictures.push("containers");
  return pictures;
}

function LessonHeader({ lesson, locale }: { lesson: Lesson; locale: Locale }) {
  const t = getLessonMessages(locale).header;
  return (
    <header className="mb-8 border-b border-line pb-8">
      <nav aria-label={t.breadcrumb} className="flex flex-wrap items-center gap-2 text-sm">
        <Link href={`/${locale}/learn/`} className="font-medium text-accent-text hover:underline">
          {t.allLessons}
        </Link>
        <span className="text-subtle" aria-hidden="true">
          /
        </span>
        <span className="text-subtle" data-testid="lesson-number">
          {format(t.lessonOf, { n: lesson.order, total: lesson.count })}
        </span>
      </nav>
      <h1 className="mt-3 text-3xl font-bold tracking-tight text-balance text-fg sm:text-4xl">{lesson.title}</h1>
      <p className="mt-3 text-lg leading-relaxed text-muted">{lesson.summary}</p>
      <div className="mt-5 flex flex-wrap items-center justify-between gap-3">
        <ul className="flex flex-wrap gap-2 text-xs font-medium">
          <Badge>{format(t.exercisesCount, { n: lesson.exercises.length })}</Badge>
          {lesson.quiz ? <Badge>{t.quizBadge}</Badge> : null}
          {lesson.imageGraph ? <Badge>{t.imagesBadge}</Badge> : null}
          {lesson.containerGraph ? <Badge>{t.containersBadge}</Badge> : null}
        </ul>
        <ShareButton slug={lesson.slug} title={lesson.title} />
      </div>
    </header>
  );
}

function Badge({ children }: { children: React.ReactNode }) {
  return <li className="rounded-full border border-line bg-elevated px-2.5 py-1 text-muted">{children}</li>;
}

function LessonPager({ lesson, locale }: { lesson: Lesson; locale: Locale }) {
  const t = getLessonMessages(locale).header;
  return (
    <nav aria-label={t.courseNav} className="mt-14 grid gap-3 border-t border-line pt-8 sm:grid-cols-2">
      {lesson.previous ? (
        <Link
          href={`/${locale}/learn/${lesson.previous.slug}/`}
          className="group rounded-xl border border-line bg-elevated p-4 transition-colors hover:border-accent"
          rel="prev"
        >
          <span className="text-xs font-medium text-subtle">← {t.previous}</span>
          <span className="mt-1 block font-semibold text-fg group-hover:text-accent-text">{lesson.previous.title}</span>
        </Link>
      ) : (
        <span className="hidden sm:block" />
      )}
      {lesson.next ? (
        <Link
          href={`/${locale}/learn/${lesson.next.slug}/`}
          className="group rounded-xl border border-line bg-elevated p-4 text-right transition-colors hover:border-accent"
          rel="next"
          data-testid="next-lesson"
        >
          <span className="text-xs font-medium text-subtle">{t.next} →</span>
          <span className="mt-1 block font-semibold text-fg group-hover:text-accent-text">{lesson.next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
