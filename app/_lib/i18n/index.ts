// The site's typed dictionary. Usable from server and client components alike (plain data).
//
//   const t = getMessages(locale);      // server component, or anywhere with a locale
//   const t = useMessages();            // client component under the [locale] layout (see ./client)
//   format(t.home.lessonNumber, { n: 3 })
//
// Lesson-specific UI strings live in ./messages/lesson.ts (owned by the lessons pages).

import { common, type CommonMessages } from "./messages/common";

export const locales = ["en", "zh"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export type Messages = CommonMessages;

export function getMessages(locale: Locale): Messages {
  return common[locale];
}

/** BCP 47 tag for <html lang>, Intl and screen readers. */
export function htmlLang(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en";
}

/** Replaces {name} placeholders: format("Lesson {n}", { n: 2 }) -> "Lesson 2". */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? String(values[key]) : match,
  );
}

/** The same path in another locale: "/en/learn/x/" -> "/zh/learn/x/". */
export function switchLocalePath(pathname: string, to: Locale): string {
  const parts = pathname.split("/");
  // parts[0] is "" (leading slash); parts[1] is the locale segment when present.
  if (isLocale(parts[1])) {
    parts[1] = to;
    return parts.join("/") || `/${to}/`;
  }
  return `/${to}${pathname.startsWith("/") ? "" : "/"}${pathname}`;
}

/** A whole number with the locale's digit grouping: 1048576 -> "1,048,576". */
export function formatNumber(n: number, locale: Locale): string {
  return n.toLocaleString(htmlLang(locale));
}

/** Human-readable byte count: 1536000 -> "1.5 MB". */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString(htmlLang(locale), { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${units[unit]}`;
}

/** localStorage key remembering the learner's language choice (read by the / and /play redirects). */
export const LOCALE_STORAGE_KEY = "dbl:locale";

/** The saved choice if valid, else the first of the browser's languages we have, else English. */
export function pickLocale(saved: string | null | undefined, languages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const lang of languages) {
    const base = lang.toLowerCase().split("-")[0];
    if (isLocale(base)) return base;
  }
  return defaultLocale;
}
