"use client";
import { usePathname } from "next/navigation";
import { LOCALE_STORAGE_KEY, switchLocalePath, type Locale } from "@/app/_lib/i18n";
import { useLocale, useMessages } from "@/app/_lib/i18n/client";

/** A link to the current page in the other language; remembers the choice for / and /play. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useMessages().language;
  const pathname = usePathname() || `/${locale}/`;
  const other: Locale = locale === "en" ? "zh" : "en";
  const href = switchLocalePath(pathname, other);

  return (
    <a
      href={href}
      hrefLang={other === "zh" ? "zh-CN" : "en"}
      lang={other === "zh" ? "zh-CN" : "en"}
      aria-label={t.switchToLabel}
      data-testid="language-switch"
      className="inline-flex h-9 items-center gap-1.5 rounded-lg px-2.5 text-sm font-medium text-muted transition-colors hover:bg-sunken hover:text-fg"
      onClick={() => {
        try {
          localStorage.setItem(LOCALE_STORAGE_KEY, other);
        } catch {
          // ignore
        }
      }}
    >
      <svg className="h-4 w-4" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3a14 14 0 0 1 0 18M12 3a14 14 0 0 0 0 18" />
      </svg>
      {t.switchTo}
    </a>
  );
}
