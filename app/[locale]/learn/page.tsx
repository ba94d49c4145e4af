import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listLessons } from "@/app/_lib/content";
import { coursePath } from "@/app/_lib/content/course-path";
import { format, getMessages, isLocale, locales } from "@/app/_lib/i18n";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { CourseProgress } from "@/app/_components/lesson/CourseProgress";
import { LessonCard } from "@/app/_components/lesson/LessonCard";
import { LessonProgressBadge } from "@/app/_components/lesson/LessonProgressBadge";
import { UpcomingLessonCard } from "@/app/_components/lesson/UpcomingLessonCard";

// The lesson index, /<locale>/learn/: the course as a path, part by part, with the learner's
// progress on each lesson and in all. It has no machine: the lessons' shared machine lives in
// (lessons)/layout.tsx, beside this page's folder.

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
  // A place without a lesson yet: its title and summary from the messages (a unit test checks they exist).
  const upcomingText = (order: number) => t.upcoming[String(order) as keyof typeof t.upcoming] ?? { title: "", summary: "" };

  return (
    <div className="mx-auto w-full max-w-4xl px-4 py-10 sm:px-6 sm:py-14">
      <h1 className="text-3xl font-bold tracking-tight text-fg sm:text-4xl">{t.title}</h1>
      <p className="mt-3 max-w-2xl text-lg leading-relaxed text-muted">{home.lessonsLead}</p>
      <CourseProgress lessons={lessons.map(({ slug, order, title, exerciseIds }) => ({ slug, order, title, exerciseIds }))} />
      <nav aria-label={t.pathLabel} data-testid="lesson-index">
        {coursePath(lessons).map((part, i) => (
          <section key={part.id} aria-labelledby={`part-${part.id}`} className="mt-10">
            <h2 id={`part-${part.id}`}>
              <span className="block text-xs font-semibold uppercase tracking-wider text-accent-text">{format(t.partLabel, { n: i + 1 })}</span>
              <span className="mt-1 block text-xl font-semibold text-fg">{t.parts[part.id]}</span>
            </h2>
            {/* The path: a line through the lessons' numbers, seen in the gaps between the cards. */}
            <ol className="relative mt-4 flex flex-col gap-3 before:absolute before:top-6 before:bottom-6 before:left-[35px] before:w-0.5 before:bg-line-strong sm:before:left-[39px]">
              {part.stops.map(({ order, lesson }) => (
                <li key={order} className="relative">
                  {lesson ? (
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
                  ) : (
                    <UpcomingLessonCard
                      order={order}
                      numberLabel={format(home.lessonNumber, { n: order })}
                      {...upcomingText(order)}
                      status={t.inPreparation}
                    />
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </nav>
    </div>
  );
}
