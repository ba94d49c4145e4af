import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import type { Element } from "hast";
import { format, getMessages, htmlLang, isLocale, type Locale } from "@/app/_lib/i18n";
import { GUIDES, isGuide, loadGuide, type GuideName } from "@/app/_lib/docs";
import { hastText } from "@/app/_lib/content/markdown";
import { renderHast } from "@/app/_components/lesson/LessonProse";
import { CodeBlock } from "@/app/_components/lesson/CodeBlock";

// The instructors' guides (docs/*.md) as pages: /en/docs/authoring/, /en/docs/embed/, ...
type Params = { locale: string; doc: string };
type Props = { params: Promise<Params> };

export const dynamicParams = false;

export function generateStaticParams(): Array<Pick<Params, "doc">> {
  return GUIDES.map((doc) => ({ doc }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, doc } = await params;
  if (!isLocale(locale) || !isGuide(doc)) return {};
  const t = getMessages(locale).docs;
  return {
    title: t.guides[doc],
    description: t.blurbs[doc],
    alternates: { languages: { en: `/en/docs/${doc}/`, "zh-CN": `/zh/docs/${doc}/` } },
  };
}

/**
 * Code in a guide is shown as written: scripts, YAML, output; no "$" prompts, no Run button.
 * Headings keep their anchors (app/_lib/docs.ts), clear of the sticky header when jumped to.
 */
const guideComponents = {
  pre: ({ node }: { node?: Element }) => (node ? <CodeBlock text={hastText(node)} kind="code" runnable={false} /> : null),
  h2: ({ node, children }: { node?: Element; children?: ReactNode }) => (
    <h2 id={String(node?.properties?.id ?? "")} className="mt-10 mb-3 scroll-mt-20 text-xl font-semibold tracking-tight text-fg first:mt-0">
      {children}
    </h2>
  ),
  h3: ({ node, children }: { node?: Element; children?: ReactNode }) => (
    <h3 id={String(node?.properties?.id ?? "")} className="mt-8 mb-2 scroll-mt-20 text-lg font-semibold text-fg">
      {children}
    </h3>
  ),
};

export default async function GuidePage({ params }: Props) {
  const { locale, doc } = await params;
  if (!isLocale(locale) || !isGuide(doc)) notFound();
  const t = getMessages(locale).docs;
  const guide = loadGuide(doc, locale);

  return (
    <div className="mx-auto grid w-full max-w-6xl gap-8 px-4 py-10 sm:px-6 lg:grid-cols-[14rem_minmax(0,1fr)] lg:gap-12 lg:py-14">
      <GuideNav locale={locale} current={doc} />
      <article className="min-w-0 max-w-3xl" data-testid="guide" data-guide={doc} lang={htmlLang(guide.lang)}>
        <p className="text-sm font-semibold text-accent-text">{t.eyebrow}</p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-balance text-fg sm:text-4xl">{guide.title}</h1>
        {guide.lang !== locale ? (
          <p className="mt-4 rounded-lg border border-line bg-sunken px-4 py-2.5 text-sm text-muted" lang={htmlLang(locale)}>
            {t.englishOnly}
          </p>
        ) : null}
        <div className="mt-8 text-[1rem] leading-7 text-muted [&>*:first-child]:mt-0">
          {renderHast(guide.body, guideComponents)}
        </div>
        <p className="mt-12 border-t border-line pt-6 text-sm text-subtle" lang={htmlLang(locale)}>
          {format(t.source, { name: doc })}
        </p>
      </article>
    </div>
  );
}

function GuideNav({ locale, current }: { locale: Locale; current: GuideName }) {
  const t = getMessages(locale).docs;
  return (
    <nav aria-label={t.nav} className="lg:sticky lg:top-20 lg:self-start">
      <p className="text-xs font-semibold tracking-wider text-subtle uppercase">{t.nav}</p>
      <ul className="mt-3 flex flex-col gap-1">
        {GUIDES.map((name) => (
          <li key={name}>
            <Link
              href={`/${locale}/docs/${name}/`}
              aria-current={name === current ? "page" : undefined}
              className={`block rounded-lg px-3 py-2 transition-colors ${
                name === current ? "bg-accent-soft text-fg" : "text-muted hover:bg-sunken hover:text-fg"
              }`}
            >
              <span className="block text-sm font-semibold">{t.guides[name]}</span>
              <span className="mt-0.5 block text-xs leading-snug text-subtle">{t.blurbs[name]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

