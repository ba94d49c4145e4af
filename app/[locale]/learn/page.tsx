import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listLessons } from "@/app/_lib/content";
import { format, getMessages, isLocale, locales } from "@/app/_lib/i18n";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { LessonCard } from "@/app/_components/lesson/LessonCard";
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
            <LessonCard
              href={`/${locale}/learn/${lesson.slug}/`}
              order={lesson.order}
              numberLabel={format(home.lessonNumber, { n: lesson.order })}
              title={lesson.title}
              summary={lesson.summary}
              slug={lesson.slug}
              testId="lesson-index-link"
              footer={<LessonProgressBadge slug={lesson.slug} exerciseIds={lesson.exerciseIds} />}
            />
          </li>
        ))}
      </ol>
    </div>
  );
}
