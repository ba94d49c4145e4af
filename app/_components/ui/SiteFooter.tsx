import Link from "next/link";
import { getMessages, type Locale } from "@/app/_lib/i18n";

export function SiteFooter({ locale }: { locale: Locale }) {
  const t = getMessages(locale);
  return (
    <footer className="border-t border-line bg-bg">
      <div className="mx-auto flex max-w-7xl flex-col gap-3 px-4 py-6 text-sm text-subtle sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="space-y-1">
          <p>{t.footer.tagline}</p>
          <p>{t.footer.builtWith}</p>
        </div>
        {/* Rarely followed: not prefetched, so a lesson's first visit does not download both pages. */}
        <nav aria-label={t.footer.label} className="flex gap-5">
          <Link
            href={`/${locale}/docs/authoring/`}
            prefetch={false}
            className="rounded font-medium text-muted underline decoration-line-strong underline-offset-4 hover:text-fg hover:decoration-current"
          >
            {t.footer.instructors}
          </Link>
          <Link
            href={`/${locale}/licenses/`}
            prefetch={false}
            className="rounded font-medium text-muted underline decoration-line-strong underline-offset-4 hover:text-fg hover:decoration-current"
          >
            {t.footer.licenses}
          </Link>
        </nav>
      </div>
    </footer>
  );
}
