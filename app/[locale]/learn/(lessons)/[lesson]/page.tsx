import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLesson, listLessonSlugs } from "@/app/_lib/content";
import { isLocale } from "@/app/_lib/i18n";
import { LessonView } from "@/app/_components/lesson/LessonView";

type Params = { locale: string; lesson: string };
type Props = { params: Promise<Params> };

// Every lesson exists in every language; the [locale] layout supplies the locales.
export const dynamicParams = false;

export function generateStaticParams(): Array<Pick<Params, "lesson">> {
  return listLessonSlugs().map((lesson) => ({ lesson }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, lesson: slug } = await params;
  if (!isLocale(locale)) return {};
  const lesson = getLesson(slug, locale);
  if (!lesson) return {};
  return {
    title: lesson.title,
    description: lesson.summary,
    alternates: { languages: { en: `/en/learn/${slug}/`, "zh-CN": `/zh/learn/${slug}/` } },
  };
}

export default async function LessonPage({ params }: Props) {
  const { locale, lesson: slug } = await params;
  if (!isLocale(locale)) notFound();
  const lesson = getLesson(slug, locale);
  if (!lesson) notFound();

  return <LessonView lesson={lesson} locale={locale} />;
}

