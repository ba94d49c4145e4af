import type { Metadata } from "next";
import "./globals.css";
import { getMessages } from "@/app/_lib/i18n";
import { Logo } from "@/app/_components/ui/Logo";
import { ThemeScript } from "@/app/_components/ui/ThemeScript";

export const metadata: Metadata = {
  title: "404 · Docker Browser Lab",
};

export default function GlobalNotFound() {
  const en = getMessages("en").notFound;
  const zh = getMessages("zh").notFound;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body className="antialiased">
        <main className="flex min-h-dvh items-center justify-center p-6">
          <div className="w-full max-w-sm rounded-2xl border border-line bg-elevated p-8 text-center shadow-sm">
            <Logo className="mx-auto h-12 w-12" />
            <h1 className="mt-4 text-xl font-semibold text-fg">
              {en.title}
              <span className="mt-1 block text-base font-medium text-muted" lang="zh-CN">
                {zh.title}
              </span>
            </h1>
            <p className="mt-3 text-sm text-muted">
              {en.body} <span lang="zh-CN">{zh.body}</span>
            </p>
            <div className="mt-6 flex justify-center gap-3">
              <a href="/en/" className="btn btn-primary">
                {en.home}
              </a>
              <a href="/zh/" lang="zh-CN" className="btn btn-secondary">
                {zh.home}
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
