"use client";
// The exercises of a lesson: status (passed / not yet), a Check button that checks at once and
// shows what the check saw on failure, a hint in two steps (a nudge, then the command), and a quiet
// celebration when one passes. Automatic checking after each command lives in LessonState.

import Link from "next/link";
import { useEffect, useId, useState, type ReactNode } from "react";
import { format, type Locale } from "@/app/_lib/i18n";
import { getLessonMessages } from "@/app/_lib/i18n/messages/lesson";
import { useLocale } from "@/app/_lib/i18n/client";
import { pickHint } from "@/app/_lib/exercises/batch";
import { useObservable, useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import type { ManualState } from "@/app/_lib/exercises/use-exercise-checks";
import { useLessonState } from "./LessonState";
import { EmbedButton } from "./EmbedButton";
import { useLessonMessages } from "./useLessonMessages";
import { useSecondsSince } from "@/app/_components/ui/use-seconds-since";
import { LiveRegion } from "@/app/_components/ui/LiveRegion";

export interface PanelExercise {
  id: string;
  title: string;
  task: ReactNode;
  /** The hint's two steps: a nudge first, the command only when asked for. */
  hint: { nudge: ReactNode; command: ReactNode };
}

export interface NextLesson {
  href: string;
  title: string;
}

export function ExercisesPanel({ exercises, next }: { exercises: PanelExercise[]; next: NextLesson | null }) {
  const t = useLessonMessages().exercises;
  const { passed, progress, resetProgress } = useLessonState();
  const sandbox = useSandbox();
  const status = useObservable(sandbox?.status, null);
  const done = exercises.filter((e) => passed.has(e.id)).length;
  const total = exercises.length;
  const all = total > 0 && done === total;

  return (
    <section aria-labelledby="exercises-title" className="flex flex-col gap-3" data-testid="exercises">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 id="exercises-title" className="text-sm font-semibold text-fg">
          {t.title}
        </h2>
        <span className="text-xs font-medium text-subtle" data-testid="exercises-progress">
          {progress ? format(t.progress, { passed: done, total }) : "\u00a0"}
        </span>
        <div className="h-1.5 min-w-16 flex-1 overflow-hidden rounded-full bg-sunken" aria-hidden="true">
          <div
            className="h-full rounded-full bg-success transition-[width] duration-700 ease-out"
            style={{ width: `${total ? (done / total) * 100 : 0}%` }}
          />
        </div>
      </header>
      <p className="-mt-1 text-xs text-subtle">{status === "ready" ? t.auto : t.waiting}</p>

      <ol className="flex flex-col gap-2.5">
        {exercises.map((exercise, i) => (
          <ExerciseCard key={exercise.id} exercise={exercise} index={i + 1} ready={status === "ready"} embeddable />
        ))}
      </ol>

      <PassAnnouncer exercises={exercises} />

      {all ? (
        <div className="flex flex-wrap items-center gap-3 rounded-lg border border-success/30 bg-success/10 px-4 py-3 text-sm">
          <span className="font-medium text-fg">{t.allDone}</span>
          {next ? (
            <Link href={next.href} className="btn btn-primary btn-sm ml-auto">
              {format(t.continue, { title: next.title })}
            </Link>
          ) : (
            <span className="ml-auto text-muted">{t.finished}</span>
          )}
        </div>
      ) : null}

      {done > 0 ? (
        <div className="text-right">
          <button
            type="button"
            className="rounded px-1.5 py-0.5 text-xs text-subtle underline-offset-2 hover:text-fg hover:underline"
            onClick={() => {
              if (window.confirm(t.resetConfirm)) resetProgress();
            }}
            data-testid="reset-progress"
          >
            {t.resetProgress}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** What a finished manual check says to the learner (null while checking, after a pass, or unchecked). */
export function checkFeedback(result: ManualState | undefined, locale: Locale): string | null {
  if (!result || result.checking) return null;
  const t = getLessonMessages(locale).exercises;
  if (result.kind === "timeout") return t.timedOut;
  if (result.kind === "error") return format(t.error, { error: result.message });
  return result.verdict.passed ? null : pickHint(result.verdict.output, locale) || t.notYet;
}

/** One exercise: status, title, task, Check, the hint. `embeddable` adds the Embed button (lesson pages). */
export function ExerciseCard({
  exercise,
  index,
  ready,
  embeddable = false,
  heading: Heading = "h3",
}: {
  exercise: PanelExercise;
  index: number;
  ready: boolean;
  embeddable?: boolean;
  /** The title's heading level: h3 under the lesson page's "Exercises", h2 in the embed. */
  heading?: "h2" | "h3";
}) {
  const t = useLessonMessages().exercises;
  const locale = useLocale();
  const { passed, manual, progress, justPassed, checkNow } = useLessonState();
  const [hintOpen, setHintOpen] = useState(false);
  const hintId = useId();
  const isPassed = passed.has(exercise.id);
  const result = manual[exercise.id];
  const checking = result?.checking === true;
  const checkingSeconds = useSecondsSince(exercise.id, checking);
  const celebrate = useCelebration(justPassed === exercise.id);
  const passedAt = progress?.exercises[exercise.id]?.passedAt;

  const feedback = isPassed ? null : checkFeedback(result, locale);

  return (
    <li
      data-testid={`exercise-${exercise.id}`}
      data-state={isPassed ? "passed" : "pending"}
      className={`rounded-lg border p-3 transition-colors duration-500 ${
        isPassed ? "border-success/40 bg-success/[0.07]" : "border-line bg-elevated"
      }`}
    >
      <div className="flex items-start gap-3">
        <StatusIcon passed={isPassed} index={index} celebrate={celebrate} label={isPassed ? t.passed : t.pending} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <Heading className="text-sm font-semibold text-fg">{exercise.title}</Heading>
            {isPassed ? (
              <span
                className="text-xs font-medium text-success"
                title={passedAt ? format(t.passedOn, { date: new Date(passedAt).toLocaleString(locale) }) : undefined}
              >
                {t.passed}
              </span>
            ) : null}
            {embeddable ? <EmbedButton exerciseId={exercise.id} exerciseTitle={exercise.title} /> : null}
          </div>
          <div className="mt-1">{exercise.task}</div>

          {feedback ? (
            <p
              role="status"
              className="mt-2 rounded-md border border-amber-500/30 bg-amber-500/10 px-2.5 py-1.5 font-mono text-[0.75rem] leading-5 whitespace-pre-wrap text-fg"
              data-testid="check-feedback"
            >
              {feedback}
            </p>
          ) : null}

          {!isPassed ? (
            <div className="mt-2.5 flex items-center gap-2">
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                onClick={() => checkNow(exercise.id)}
                disabled={!ready || checking}
                aria-label={format(t.checkLabel, { title: exercise.title })}
                data-testid="check-button"
              >
                {checking ? t.checking : t.check}
                {checking && checkingSeconds > 0 ? (
                  <span className="font-mono text-xs tabular-nums opacity-75">{format(t.checkingSeconds, { seconds: checkingSeconds })}</span>
                ) : null}
              </button>
              <button
                type="button"
                className="rounded-md px-2 py-1 text-[0.8125rem] font-medium text-accent-text hover:bg-accent-soft"
                aria-expanded={hintOpen}
                aria-controls={hintId}
                onClick={() => setHintOpen((o) => !o)}
                data-testid="hint-button"
              >
                {hintOpen ? t.hideHint : t.showHint}
              </button>
            </div>
          ) : null}

          {!isPassed && hintOpen ? <HintSteps id={hintId} hint={exercise.hint} /> : null}
        </div>
      </div>
    </li>
  );
}

/**
 * An open hint: the nudge, and below it the command behind its own button, so a learner who only
 * needed a nudge does not see the answer. Each button stays where it is when it opens its part, so
 * the keyboard's focus never jumps, and the next Tab reaches what it opened.
 */
function HintSteps({ id, hint }: { id: string; hint: PanelExercise["hint"] }) {
  const t = useLessonMessages().exercises;
  const [commandShown, setCommandShown] = useState(false);
  const commandId = `${id}-command`;
  return (
    <div id={id} className="mt-2 flex flex-col items-start gap-1.5 rounded-md bg-sunken px-2.5 py-2 text-sm" data-testid="hint">
      <div data-testid="hint-nudge">{hint.nudge}</div>
      <button
        type="button"
        className="-mx-1 rounded px-1 py-0.5 text-[0.8125rem] font-medium text-accent-text hover:bg-accent-soft"
        aria-expanded={commandShown}
        aria-controls={commandId}
        onClick={() => setCommandShown((shown) => !shown)}
        data-testid="hint-command-button"
      >
        {commandShown ? t.hideCommand : t.showCommand}
      </button>
      {commandShown ? (
        <div id={commandId} className="w-full border-t border-line pt-1.5" data-testid="hint-command">
          {hint.command}
        </div>
      ) : null}
    </div>
  );
}

/** Says "Exercise passed: …" to screen readers when one passes (the lesson page and the embed). */
export function PassAnnouncer({ exercises }: { exercises: Array<{ id: string; title: string }> }) {
  const t = useLessonMessages().exercises;
  const { justPassed } = useLessonState();
  const title = exercises.find((e) => e.id === justPassed)?.title;
  return <LiveRegion message={title ? format(t.announcePassed, { title }) : null} testId="pass-announcer" />;
}

/** True for a moment after an exercise passes in this page view. */
function useCelebration(active: boolean): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (!active) return;
    setOn(true);
    const timer = setTimeout(() => setOn(false), 1200);
    return () => clearTimeout(timer);
  }, [active]);
  return on;
}

function StatusIcon({ passed, index, celebrate, label }: { passed: boolean; index: number; celebrate: boolean; label: string }) {
  return (
    <span
      role="img"
      aria-label={label}
      className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-[0.75rem] font-bold transition-all duration-500 ${
        passed ? "bg-success text-white dark:text-slate-950" : "border border-line-strong text-subtle"
      } ${celebrate ? "ring-4 ring-success/25 motion-safe:scale-125" : "scale-100"}`}
    >
      {passed ? (
        <svg viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="2.5" aria-hidden="true">
          <path d="M3.5 8.5l3 3 6-7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      ) : (
        index
      )}
    </span>
  );
}
