import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { getLesson, listExercisePaths, LOCALES, type Lesson } from "@/app/_lib/content";
import { TaskText } from "@/app/_components/lesson/LessonProse";
import { EmbedApp, EmbedSkeleton, type EmbedText } from "@/app/_components/embed/EmbedApp";
import type { Locale } from "@/app/_lib/i18n";

type Params = { lesson: string; exercise: string };
type Props = { params: Promise<Params> };

// One static page per exercise; both languages are in it, the URL picks one (?lang=).
export const dynamicParams = false;

export function generateStaticParams(): Params[] {
  return listExercisePaths();
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { lesson: slug, exercise: id } = await params;
  const title = getLesson(slug, "en")?.exercises.find((e) => e.id === id)?.title;
  return title ? { title: `${title} · Docker Browser Lab` } : {};
}

function textOf(lesson: Lesson, id: string): EmbedText | null {
  const e = lesson.exercises.find((x) => x.id === id);
  if (!e) return null;
  return {
    lessonTitle: lesson.title,
    title: e.title,
    task: <TaskText tree={e.taskHtml} />,
    hint: { nudge: <TaskText tree={e.hintHtml.nudge} />, command: <TaskText tree={e.hintHtml.command} /> },
  };
}

export default async function EmbedPage({ params }: Props) {
  const { lesson: slug, exercise: id } = await params;
  const lessons = Object.fromEntries(LOCALES.map((l) => [l, getLesson(slug, l)])) as Record<Locale, Lesson | null>;
  const text = Object.fromEntries(LOCALES.map((l) => [l, lessons[l] && textOf(lessons[l], id)])) as Record<Locale, EmbedText | null>;
  const en = lessons.en?.exercises.find((e) => e.id === id);
  if (!lessons.en || !en || LOCALES.some((l) => !text[l])) notFound();

  return (
    <Suspense fallback={<EmbedSkeleton />}>
      <EmbedApp
        lesson={slug}
        order={lessons.en.order}
        exercise={id}
        check={en.check}
        text={text as Record<Locale, EmbedText>}
      />
    </Suspense>
  );
}
