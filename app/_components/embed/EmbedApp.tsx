"use client";
// One exercise for another site's <iframe>: its task and status, a terminal with its own machine,
// and a slim footer linking to the whole lesson. Language, theme and the host's origin come from
// the URL (app/_lib/embed/params.ts), so this renders only in the browser, inside <Suspense>.
// The machine is never saved (no persistence, no service worker): each page view starts clean.

import { useCallback, useMemo, useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { format, getMessages, type Locale } from "@/app/_lib/i18n";
import { LocaleProvider } from "@/app/_lib/i18n/client";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { parseEmbedParams } from "@/app/_lib/embed/params";
import { SandboxProvider, useObservable, useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { ExerciseCard, PassAnnouncer } from "@/app/_components/lesson/ExercisesPanel";
import { TerminalWithPreview } from "@/app/_components/preview/TerminalWithPreview";
import { Logo } from "@/app/_components/ui/Logo";
import { EmbedExerciseState } from "./EmbedExerciseState";
import { HostBridge } from "./HostBridge";

export interface EmbedText {
  lessonTitle: string;
  title: string;
  task: ReactNode;
  hint: { nudge: ReactNode; command: ReactNode };
}

export interface EmbedAppProps {
  lesson: string;
  order: number;
  exercise: string;
  check: string;
  text: Record<Locale, EmbedText>;
}

export function EmbedApp(props: EmbedAppProps) {
  const search = useSearchParams();
  const params = useMemo(
    () => parseEmbedParams(search.toString(), typeof navigator === "undefined" ? [] : navigator.languages),
    [search],
  );
  const text = props.text[params.locale];
  const exercise = useMemo(() => ({ id: props.exercise, title: text.title, check: props.check }), [props.exercise, text.title, props.check]);
  // A reset command remounts the terminal, so the fresh machine starts on a blank screen.
  const [terminalKey, setTerminalKey] = useState(0);
  const freshTerminal = useCallback(() => setTerminalKey((k) => k + 1), []);
  // A port that opens in the machine: the terminal offers its preview, the host page is told.
  const [openedPort, setOpenedPort] = useState<{ port: number; n: number } | null>(null);
  const portOpened = useCallback((port: number) => setOpenedPort((last) => ({ port, n: (last?.n ?? 0) + 1 })), []);

  return (
    <LocaleProvider locale={params.locale}>
      <SandboxProvider>
        <EmbedExerciseState lesson={props.lesson} exercise={exercise}>
          <HostBridge
            lesson={props.lesson}
            exercise={props.exercise}
            locale={params.locale}
            hostOrigin={params.hostOrigin}
            onFreshTerminal={freshTerminal}
            openedPort={openedPort}
          />
          <main
            className="flex h-[calc(100dvh-var(--dbl-keyboard-inset,0px))] min-h-[26rem] flex-col gap-2.5 p-2.5 sm:gap-3 sm:p-3"
            data-testid="embed"
            data-lesson={props.lesson}
            data-exercise={props.exercise}
            data-locale={params.locale}
            data-host-origin={params.hostOrigin ?? ""}
          >
            <ExerciseSection exerciseId={props.exercise} text={text} locale={params.locale} order={props.order} />
            <div className="min-h-[12rem] flex-1">
              <TerminalWithPreview layout="stack" terminalKey={terminalKey} onPortOpened={portOpened} tabs={false} />
            </div>
            <EmbedFooter lesson={props.lesson} order={props.order} lessonTitle={text.lessonTitle} locale={params.locale} />
          </main>
        </EmbedExerciseState>
      </SandboxProvider>
    </LocaleProvider>
  );
}

function ExerciseSection({ exerciseId, text, locale, order }: { exerciseId: string; text: EmbedText; locale: Locale; order: number }) {
  const sandbox = useSandbox();
  const status = useObservable(sandbox?.status, null);
  const t = getLessonMessages(locale).exercises;
  return (
    <section aria-label={text.title} className="max-h-[45%] shrink-0 overflow-y-auto rounded-xl" data-testid="exercises">
      {/* The page's title for screen readers; the card's own heading is one level below. */}
      <h1 className="sr-only">{format(getLessonMessages(locale).embedPage.lesson, { n: order, title: text.lessonTitle })}</h1>
      <ol className="list-none">
        <ExerciseCard
          exercise={{ id: exerciseId, title: text.title, task: text.task, hint: text.hint }}
          index={1}
          ready={status === "ready"}
          heading="h2"
        />
      </ol>
      <p className="mt-1.5 px-1 text-xs text-subtle">{status === "ready" ? t.auto : t.waiting}</p>
      <PassAnnouncer exercises={[{ id: exerciseId, title: text.title }]} />
    </section>
  );
}

function EmbedFooter({ lesson, order, lessonTitle, locale }: { lesson: string; order: number; lessonTitle: string; locale: Locale }) {
  const t = getLessonMessages(locale).embedPage;
  return (
    <footer className="flex shrink-0 items-center gap-2 px-1 text-xs text-subtle">
      <Logo className="h-4 w-4 shrink-0" />
      <span className="shrink-0 font-semibold text-muted">{getMessages(locale).brand.name}</span>
      <span aria-hidden="true">·</span>
      <span className="min-w-0 truncate">{format(t.lesson, { n: order, title: lessonTitle })}</span>
      <a
        href={`/${locale}/learn/${lesson}/`}
        target="_blank"
        rel="noopener"
        aria-label={t.openLessonLabel}
        className="ml-auto inline-flex shrink-0 items-center gap-1 rounded font-medium text-accent-text hover:underline"
        data-testid="embed-open-lesson"
      >
        {t.openLesson}
        <svg viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M6 3.5H3.5v9h9V10M9 3h4v4M13 3L7.5 8.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </a>
    </footer>
  );
}

/** The static HTML before the parameters are read: the same frame, without words. */
export function EmbedSkeleton() {
  return (
    <main className="flex h-dvh min-h-[26rem] flex-col gap-2.5 p-2.5 sm:gap-3 sm:p-3" aria-busy="true">
      <div className="shrink-0 rounded-lg border border-line bg-elevated p-3">
        <div className="flex items-center gap-3">
          <span className="h-6 w-6 rounded-full border border-line-strong" />
          <span className="h-3.5 w-48 rounded bg-sunken" />
        </div>
        <div className="mt-3 ml-9 space-y-2">
          <div className="h-3 w-4/5 rounded bg-sunken" />
          <div className="h-3 w-3/5 rounded bg-sunken" />
        </div>
      </div>
      <div className="min-h-[12rem] flex-1 rounded-xl border border-line bg-term" />
      <div className="h-4 shrink-0" />
    </main>
  );
}
