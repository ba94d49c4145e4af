"use client";
// A lesson page's two halves: the text, and the workspace (terminal and exercises). Side by side
// where they fit; on a phone or a narrow tablet, one at a time, with tabs to switch. Switching
// only hides the other half: the terminal stays mounted and the machine keeps running, with
// everything typed and printed so far.

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { format } from "@/app/_lib/i18n";
import { preparedCommandsOf } from "@/app/_lib/share/run-link";
import { SIDE_BY_SIDE, useMediaQuery } from "@/app/_components/ui/use-media-query";
import { useObservable, useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { useLessonState } from "./LessonState";
import { useLessonMessages } from "./useLessonMessages";

type View = "lesson" | "terminal";

const ShowTerminalContext = createContext<(() => void) | null>(null);

/** Brings the terminal into view on a narrow screen (e.g. after a Run button); null outside a lesson. */
export function useShowTerminal(): (() => void) | null {
  return useContext(ShowTerminalContext);
}

export function LessonPanes({
  title,
  lesson,
  workspace,
  exerciseIds,
}: {
  /** The lesson's title: the terminal's half is headed with it when it shows alone. */
  title: string;
  lesson: ReactNode;
  workspace: ReactNode;
  exerciseIds: string[];
}) {
  const t = useLessonMessages().panes;
  const sideBySide = useMediaQuery(SIDE_BY_SIDE, true);
  const sideBySideRef = useRef(sideBySide);
  sideBySideRef.current = sideBySide;
  const [view, setViewState] = useState<View>("lesson");
  // Each half keeps its own place on the page: the terminal opens at the top, and the lesson
  // comes back where the learner was reading.
  const lessonScroll = useRef(0);
  const viewRef = useRef(view);
  const setView = useCallback((next: View) => {
    if (next === viewRef.current) return;
    viewRef.current = next;
    setViewState(next);
    if (sideBySideRef.current) return; // both halves in view: nothing to scroll
    if (next === "terminal") lessonScroll.current = window.scrollY;
    requestAnimationFrame(() => window.scrollTo({ top: next === "lesson" ? lessonScroll.current : 0 }));
  }, []);
  const showTerminal = useCallback(() => setView("terminal"), [setView]);
  // A link that prepared commands opens on them: they sit above the terminal.
  useEffect(() => {
    if (preparedCommandsOf(window.location.search).kind !== "none") setView("terminal");
  }, [setView]);
  const { passed } = useLessonState();
  const done = exerciseIds.filter((id) => passed.has(id)).length;
  const sandbox = useSandbox();
  const ready = useObservable(sandbox?.status, null) === "ready";
  const tabs = useMemo(
    () => [
      { id: "lesson" as const, label: t.lesson, extra: null },
      { id: "terminal" as const, label: t.terminal, extra: `${done}/${exerciseIds.length}` },
    ],
    [t, done, exerciseIds.length],
  );

  // The tab bar is in the HTML for every width and hidden by CSS where both halves fit, so a phone
  // shows it from the first paint; the tab roles are given once the page knows its width.
  const panel = (id: View) =>
    sideBySide ? {} : { role: "tabpanel", "aria-labelledby": `lesson-tab-${id}`, id: `lesson-pane-${id}` };
  const hiddenOnNarrow = (id: View) => (view === id ? "" : " max-lg:hidden");

  // The terminal comes after the whole lesson in the tab order: a keyboard user can jump to it.
  const aside = useRef<HTMLElement>(null);
  const goToTerminal = () => {
    setView("terminal");
    requestAnimationFrame(() => aside.current?.querySelector<HTMLTextAreaElement>("[data-testid=terminal] textarea")?.focus());
  };

  return (
    <ShowTerminalContext.Provider value={showTerminal}>
      <button
        type="button"
        onClick={goToTerminal}
        className="sr-only focus:not-sr-only focus:absolute focus:left-3 focus:top-16 focus:z-50 focus:rounded-md focus:bg-elevated focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-fg focus:shadow"
        data-testid="skip-to-terminal"
      >
        {t.skipToTerminal}
      </button>
      <div
        role="tablist"
        aria-label={t.label}
        className="sticky top-14 z-30 flex h-12 shrink-0 gap-1 border-b border-line bg-bg/95 px-2 backdrop-blur lg:hidden"
        data-testid="lesson-tabs"
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`lesson-tab-${tab.id}`}
            aria-selected={view === tab.id}
            aria-controls={`lesson-pane-${tab.id}`}
            onClick={() => setView(tab.id)}
            onKeyDown={(e) => {
              if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
              e.preventDefault();
              const next = tab.id === "lesson" ? "terminal" : "lesson";
              setView(next);
              document.getElementById(`lesson-tab-${next}`)?.focus();
            }}
            tabIndex={view === tab.id ? 0 : -1}
            className={
              "-mb-px flex flex-1 items-center justify-center gap-2 border-b-2 text-sm font-semibold transition-colors " +
              (view === tab.id ? "border-accent text-fg" : "border-transparent text-muted hover:text-fg")
            }
            data-testid={`lesson-tab-${tab.id}`}
          >
            {tab.id === "terminal" ? (
              <span className={"h-2 w-2 rounded-full " + (ready ? "bg-success" : "bg-line-strong")} aria-hidden="true" />
            ) : null}
            {tab.label}
            {tab.extra ? (
              <span className="rounded-full bg-sunken px-1.5 py-0.5 text-[0.6875rem] font-semibold text-muted">{tab.extra}</span>
            ) : null}
          </button>
        ))}
      </div>
      <div
        className="mx-auto grid w-full max-w-[110rem] flex-1 gap-6 px-4 sm:px-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] lg:gap-10 xl:grid-cols-[minmax(0,46rem)_minmax(0,1fr)]"
      >
        <article className={"min-w-0 py-8 lg:py-10" + hiddenOnNarrow("lesson")} {...panel("lesson")}>
          {lesson}
        </article>
        <aside
          ref={aside}
          aria-label={t.terminal}
          className={
            "h-[calc(100dvh-6.5rem-var(--dbl-keyboard-inset,0px))] min-h-[16rem] py-2 lg:sticky lg:top-14 lg:h-[calc(100dvh-3.5rem)] lg:min-h-[32rem] lg:py-4" +
            hiddenOnNarrow("terminal")
          }
          {...panel("terminal")}
        >
          {/* Shown alone, the terminal's half hides the lesson's h1 with its text: it names the page itself. */}
          <h1 className="sr-only lg:hidden">{format(t.terminalHeading, { title })}</h1>
          {workspace}
        </aside>
      </div>
    </ShowTerminalContext.Provider>
  );
}
