import Link from "next/link";
import { notFound } from "next/navigation";
import { listLessons } from "@/app/_lib/content";
import { format, getMessages, isLocale, type Messages } from "@/app/_lib/i18n";
import { LessonCard } from "@/app/_components/lesson/LessonCard";

type Props = { params: Promise<{ locale: string }> };

export default async function HomePage({ params }: Props) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = getMessages(locale);
  const lessons = [...(await listLessons(locale))].sort((a, b) => a.order - b.order);
  const first = lessons[0];

  return (
    <>
      <section className="border-b border-line bg-gradient-to-b from-accent-soft/60 to-bg">
        <div className="mx-auto grid max-w-7xl items-center gap-12 px-4 py-14 sm:px-6 sm:py-20 lg:grid-cols-[1.1fr_0.9fr]">
          <div>
            <p className="mb-4 inline-flex items-center gap-2 rounded-full border border-line bg-elevated px-3 py-1 text-sm font-medium text-accent-text">
              <span className="h-2 w-2 rounded-full bg-success" aria-hidden="true" />
              {t.home.eyebrow}
            </p>
            <h1 className="text-4xl font-bold tracking-tight text-balance text-fg sm:text-5xl">{t.home.title}</h1>
            <p className="mt-5 max-w-2xl text-lg leading-relaxed text-muted">{t.home.lead}</p>
            <div className="mt-8 flex flex-wrap gap-3">
              <Link href={`/${locale}/play/`} className="btn btn-primary" data-testid="open-sandbox">
                {t.home.openSandbox}
                <ArrowIcon />
              </Link>
              {first ? (
                <Link href={`/${locale}/learn/${first.slug}/`} className="btn btn-secondary">
                  {t.home.startLearning}
                </Link>
              ) : (
                <a href="#lessons" className="btn btn-secondary">
                  {t.home.seeLessons}
                </a>
              )}
            </div>
          </div>
          <LayerDiagram t={t} />
        </div>
      </section>

      <section className="mx-auto w-full max-w-7xl px-4 py-12 sm:px-6">
        <ul className="grid gap-4 sm:grid-cols-3">
          {t.home.facts.map((fact) => (
            <li key={fact.title} className="rounded-xl border border-line bg-elevated p-5">
              <h2 className="font-semibold text-fg">{fact.title}</h2>
              <p className="mt-1.5 text-sm leading-relaxed text-muted">{fact.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how" className="border-y border-line bg-sunken/60">
        <div className="mx-auto max-w-7xl px-4 py-14 sm:px-6">
          <h2 id="how" className="text-2xl font-bold tracking-tight text-fg sm:text-3xl">
            {t.home.howTitle}
          </h2>
          <p className="mt-2 text-muted">{t.home.howLead}</p>
          <ol className="mt-8 grid gap-5 lg:grid-cols-3">
            {t.home.how.map((step, i) => (
              <li key={step.title} className="relative rounded-xl border border-line bg-elevated p-6">
                <span
                  className="mb-4 flex h-8 w-8 items-center justify-center rounded-full bg-accent text-sm font-bold text-accent-fg"
                  aria-hidden="true"
                >
                  {i + 1}
                </span>
                <p className="text-xs font-semibold uppercase tracking-wide text-accent-text">{step.kicker}</p>
                <h3 className="mt-1 text-lg font-semibold text-fg">{step.title}</h3>
                <p className="mt-2 text-[0.9375rem] leading-relaxed text-muted">{step.body}</p>
              </li>
            ))}
          </ol>
        </div>
      </section>

      <section id="lessons" aria-labelledby="lessons-title" className="mx-auto w-full max-w-7xl scroll-mt-20 px-4 py-14 sm:px-6">
        <div className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <h2 id="lessons-title" className="text-2xl font-bold tracking-tight text-fg sm:text-3xl">
              {t.home.lessonsTitle}
            </h2>
            <p className="mt-2 max-w-2xl text-muted">{t.home.lessonsLead}</p>
          </div>
        </div>
        {lessons.length > 0 ? (
          <ol className="mt-8 grid gap-4 md:grid-cols-2" data-testid="lesson-list">
            {lessons.map((lesson, i) => (
              <li key={lesson.slug}>
                <LessonCard
                  href={`/${locale}/learn/${lesson.slug}/`}
                  order={i + 1}
                  numberLabel={format(t.home.lessonNumber, { n: i + 1 })}
                  title={lesson.title}
                  summary={lesson.summary}
                  slug={lesson.slug}
                  testId="lesson-link"
                  arrow
                />
              </li>
            ))}
          </ol>
        ) : (
          <div className="mt-8 rounded-xl border border-dashed border-line-strong bg-elevated p-8 text-center">
            <p className="text-muted">{t.home.lessonsEmpty}</p>
            <Link href={`/${locale}/play/`} className="btn btn-primary mt-5">
              {t.home.openSandbox}
            </Link>
          </div>
        )}
      </section>
    </>
  );
}

function ArrowIcon() {
  return (
    <svg className="h-4 w-4" viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M4 10h12M11 5l5 5-5 5" />
    </svg>
  );
}

/** Nested boxes: browser tab > v86 > Linux kernel > Docker Engine > containers. */
function LayerDiagram({ t }: { t: Messages }) {
  const d = t.home.diagram;
  return (
    <figure className="mx-auto w-full max-w-md" aria-label={d.label}>
      <div className="rounded-2xl border border-line-strong bg-elevated p-3 shadow-sm">
        <div className="mb-3 flex items-center gap-1.5 px-1" aria-hidden="true">
          <span className="h-2.5 w-2.5 rounded-full bg-line-strong" />
          <span className="h-2.5 w-2.5 rounded-full bg-line-strong" />
          <span className="h-2.5 w-2.5 rounded-full bg-line-strong" />
          <span className="ml-2 h-5 flex-1 rounded-md bg-sunken" />
        </div>
        <p className="px-1 pb-2 text-xs font-semibold text-subtle">{d.browser}</p>
        <div className="rounded-xl border border-accent/40 bg-accent-soft p-3">
          <p className="pb-2 text-xs font-semibold text-accent-text">{d.emulator}</p>
          <div className="rounded-lg border border-line bg-elevated p-3">
            <div className="rounded-md border border-line bg-sunken p-3">
              <p className="pb-2 text-xs font-semibold text-muted">{d.engine}</p>
              <ul className="grid grid-cols-3 gap-2">
                {["busybox", "debian", "web"].map((name) => (
                  <li key={name} className="rounded-md border border-accent/50 bg-elevated px-2 py-2 text-center">
                    <span className="block font-mono text-xs font-semibold text-fg">{name}</span>
                    <span className="block text-[0.6875rem] text-subtle">{d.container}</span>
                  </li>
                ))}
              </ul>
            </div>
            <p className="mt-3 rounded-md bg-fg px-3 py-2 text-center text-xs font-semibold text-bg">{d.kernel}</p>
          </div>
        </div>
      </div>
    </figure>
  );
}
