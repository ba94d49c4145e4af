import type { Metadata } from "next";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { getMessages, isLocale, locales } from "@/app/_lib/i18n";
import { PreviewTab } from "@/app/_components/preview/PreviewTab";

type Props = { params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  return isLocale(locale) ? { title: getMessages(locale).preview.title, robots: { index: false } } : {};
}

export default async function PreviewPage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <div className="mx-auto flex w-full max-w-[100rem] flex-1 flex-col p-3 sm:p-4">
      <h1 className="sr-only">{getMessages(locale).preview.title}</h1>
      <div className="h-[calc(100dvh-5.5rem)] min-h-[16rem]">
        <Suspense>
          <PreviewTab />
        </Suspense>
      </div>
    </div>
  );
}
