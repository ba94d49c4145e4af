import type { Metadata, Viewport } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import "../globals.css";
import { LocaleProvider } from "@/app/_lib/i18n/client";
import { getMessages, htmlLang, isLocale, locales } from "@/app/_lib/i18n";
import { SiteFooter } from "@/app/_components/ui/SiteFooter";
import { SiteHeader } from "@/app/_components/ui/SiteHeader";
import { ThemeScript } from "@/app/_components/ui/ThemeScript";

// Only /en/... and /zh/... exist; anything else is a 404 in the static export.
export const dynamicParams = false;

export function generateStaticParams() {
  return locales.map((locale) => ({ locale }));
}

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = getMessages(locale);
  return {
    title: { default: t.meta.title, template: `%s · ${t.meta.title}` },
    description: t.meta.description,
    alternates: { languages: { en: "/en/", "zh-CN": "/zh/" } },
  };
}

export const viewport: Viewport = {
  // Where the browser can (Chrome on Android), a touch keyboard shortens the page itself, so the
  // terminal refits to what is left above it (app/_components/terminal/keyboard-inset.ts).
  interactiveWidget: "resizes-content",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  return (
    <html lang={htmlLang(locale)} suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="flex min-h-dvh flex-col antialiased">
        <LocaleProvider locale={locale}>
          <SiteHeader locale={locale} />
          <main id="main" tabIndex={-1} className="flex flex-1 flex-col outline-none">
            {children}
          </main>
          <SiteFooter locale={locale} />
        </LocaleProvider>
      </body>
    </html>
  );
}
