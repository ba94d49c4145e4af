import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listLessons } from "@/app/_lib/content";
import { format, getMessages, isLocale, locales } from "@/app/_lib/i18n";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { LessonProgressBadge } from "@/app/_components/lesson/LessonProgressBadge";

// The lesson index, /<locale>/learn/: every lesson in order with the learner's progress. It has no
// machine: the lessons' shared machine lives in (lessons)/layout.tsx, beside this page's folder.

type Props = { params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale)
    ? { title: getLessonMessages(locale).index.title, alternates: { languages: { en: "/en/learn/", "zh-CN": "/zh/learn/" } } }
    : {};
}

export default async function LessonIndexPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = getLessonMessages(locale).index;
  const home = getMessages(locale).home;
  const lessons = [...listLessons(locale)].sort((a, b) => a.order - b.order);

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight text-fg sm:text-4xl">{t.title}</h1>
      <p className="mt-3 max-w-2xl text-lg leading-relaxed text-muted">{home.lessonsLead}</p>
      <ol className="mt-8 flex flex-col gap-3" data-testid="lesson-index">
        {lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link
              href={`/${locale}/learn/${lesson.slug}/`}
              className="group flex gap-4 rounded-xl border border-line bg-elevated p-4 transition-colors hover:border-accent sm:p-5"
              data-testid="lesson-index-link"
              data-slug={lesson.slug}
            >
              <span
                className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg bg-accent-soft font-mono text-sm font-bold text-accent-text"
                aria-hidden="true"
              >
                {String(lesson.order).padStart(2, "0")}
              </span>
              <span className="min-w-0 flex-1">
                <span className="block text-xs font-medium text-subtle">{format(home.lessonNumber, { n: lesson.order })}</span>
                <span className="mt-0.5 block font-semibold text-fg group-hover:text-accent-text">{lesson.title}</span>
                <span className="mt-1 block text-sm leading-relaxed text-muted">{lesson.summary}</span>
                <LessonProgressBadge slug={lesson.slug} exerciseIds={lesson.exerciseIds} />
              </span>
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
}
