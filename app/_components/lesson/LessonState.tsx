"use client";
// Per-lesson state shared by the exercises panel, the quiz and the lesson header: which exercises
// passed (persisted with idb-keyval through app/_lib/progress), the quiz's answers, and the
// exercise checks (app/_lib/exercises, shared with the embed).

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import type { CheckVerdict } from "@/app/_lib/exercises/batch";
import { useExerciseChecks, type ManualState } from "@/app/_lib/exercises/use-exercise-checks";
import {
  clearQuiz,
  emptyProgress,
  loadProgress,
  markExercisePassed,
  recordQuizAnswer,
  resetLessonProgress,
  subscribeProgress,
  type LessonProgress,
} from "@/app/_lib/progress";

export interface ClientExercise {
  id: string;
  title: string;
  check: string;
}

export interface LessonStateValue {
  slug: string;
  /** Progress of this lesson as stored (null until loaded from IndexedDB). */
  progress: LessonProgress | null;
  /** Ids that passed in this page view but whose save has not come back yet, included. */
  passed: ReadonlySet<string>;
  manual: Readonly<Record<string, ManualState>>;
  /** The last exercise that passed in this page view, for a quiet celebration. */
  justPassed: string | null;
  checkNow(id: string): void;
  answerQuiz(itemId: string, answer: string, correct: boolean): void;
  restartQuiz(): void;
  resetProgress(): void;
}

export const LessonStateContext = createContext<LessonStateValue | null>(null);

export function useLessonState(): LessonStateValue {
  const value = useContext(LessonStateContext);
  if (!value) throw new Error("useLessonState must be used inside <LessonStateProvider>");
  return value;
}

export function LessonStateProvider({
  slug,
  exercises,
  children,
}: {
  slug: string;
  exercises: ClientExercise[];
  children: ReactNode;
}) {
  const sandbox = useSandbox();
  const [progress, setProgress] = useState<LessonProgress | null>(null);
  const [localPassed, setLocalPassed] = useState<ReadonlySet<string>>(new Set());
  const [justPassed, setJustPassed] = useState<string | null>(null);
  /** Passes whose save has not come back yet: never dropped by an older stored state. */
  const saving = useRef(new Set<string>());

  useEffect(() => {
    let alive = true;
    loadProgress().then((p) => alive && setProgress(p.lessons[slug] ?? emptyLesson()));
    const off = subscribeProgress((p) => {
      const lesson = p.lessons[slug] ?? emptyLesson();
      setProgress(lesson);
      // Stored progress is the truth once it arrives (e.g. after "forget my progress").
      setLocalPassed((prev) => {
        const kept = [...prev].filter((id) => lesson.exercises[id] || saving.current.has(id));
        return kept.length === prev.size ? prev : new Set(kept);
      });
    });
    return () => {
      alive = false;
      off();
    };
  }, [slug]);

  const passed = useMemo(() => {
    const set = new Set(localPassed);
    for (const id of Object.keys(progress?.exercises ?? {})) set.add(id);
    return set;
  }, [localPassed, progress]);

  const passedRef = useRef(passed);
  passedRef.current = passed;

  const onVerdicts = useCallback(
    (verdicts: CheckVerdict[]) => {
      const newly = verdicts.filter((v) => v.passed && !passedRef.current.has(v.id));
      if (newly.length === 0) return;
      setLocalPassed((prev) => new Set([...prev, ...newly.map((v) => v.id)]));
      setJustPassed(newly[newly.length - 1].id);
      for (const v of newly) {
        saving.current.add(v.id);
        void markExercisePassed(slug, v.id).finally(() => saving.current.delete(v.id));
      }
    },
    [slug],
  );

  const { manual, checkNow, startOver, checkPending } = useExerciseChecks(sandbox, {
    exercises,
    isPassed: (id) => passedRef.current.has(id),
    onVerdicts,
    // Wait for stored progress before the first automatic check, so passed exercises are skipped.
    autoCheck: progress !== null,
  });

  const answerQuiz = useCallback(
    (itemId: string, answer: string, correct: boolean) => {
      setProgress((p) => {
        const base = p ?? emptyLesson();
        return {
          ...base,
          quiz: { ...base.quiz, [itemId]: { answer, correct, answeredAt: new Date().toISOString() } },
        };
      });
      void recordQuizAnswer(slug, itemId, answer, correct);
    },
    [slug],
  );

  const restartQuiz = useCallback(() => {
    setProgress((p) => (p ? { ...p, quiz: undefined } : p));
    void clearQuiz(slug);
  }, [slug]);

  const resetProgress = useCallback(() => {
    startOver();
    setLocalPassed(new Set());
    setJustPassed(null);
    setProgress(emptyLesson());
    void resetLessonProgress(slug).then(checkPending);
  }, [slug, startOver, checkPending]);

  const value = useMemo<LessonStateValue>(
    () => ({ slug, progress, passed, manual, justPassed, checkNow, answerQuiz, restartQuiz, resetProgress }),
    [slug, progress, passed, manual, justPassed, checkNow, answerQuiz, restartQuiz, resetProgress],
  );
  return <LessonStateContext.Provider value={value}>{children}</LessonStateContext.Provider>;
}

function emptyLesson(): LessonProgress {
  return emptyProgress().lessons[""] ?? { exercises: {} };
}
