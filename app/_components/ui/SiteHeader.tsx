import Link from "next/link";
import { getMessages, type Locale } from "@/app/_lib/i18n";
import { LanguageSwitch } from "./LanguageSwitch";
import { Logo } from "./Logo";
import { NavLink } from "./NavLink";
import { ThemeToggle } from "./ThemeToggle";

export function SiteHeader({ locale }: { locale: Locale }) {
  const t = getMessages(locale);
  return (
    <header className="sticky top-0 z-40 border-b border-line bg-bg/85 backdrop-blur supports-[backdrop-filter]:bg-bg/70">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-elevated focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow"
      >
        {t.nav.skipToContent}
      </a>
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Link
          href={`/${locale}/`}
          aria-label={t.brand.home}
          className="flex shrink-0 items-center gap-2.5 rounded-lg py-1 pr-1 font-semibold tracking-tight text-fg"
        >
          <Logo />
          <span className="hidden text-[0.9375rem] sm:inline">{t.brand.name}</span>
        </Link>
        <nav aria-label={t.nav.label} className="ml-1 flex items-center gap-0.5 sm:ml-4">
          <NavLink href={`/${locale}/learn/`}>
            {t.nav.lessons}
          </NavLink>
          <NavLink href={`/${locale}/play/`}>{t.nav.sandbox}</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-1">
          <LanguageSwitch />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
