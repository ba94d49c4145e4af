"use client";
// The state of one embedded exercise, served through the lesson pages' LessonStateContext so the
// embed reuses their exercise card. Unlike a lesson page it stores nothing (the host page keeps
// the record, from the `exercise-passed` event): a reload starts the exercise over. As on the
// site, the terminal's own Reset keeps a pass; the host's `reset` command calls resetProgress.

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { ExerciseChecker } from "@/app/_components/lesson/checker";
import { LessonStateContext, type LessonStateValue, type ManualState } from "@/app/_components/lesson/LessonState";
import { useAfterCommand } from "@/app/_components/lesson/useAfterCommand";
import type { CheckVerdict } from "@/app/_lib/content/batch";

export interface EmbedExercise {
  id: string;
  title: string;
  check: string;
}

export function EmbedExerciseState({
  lesson,
  exercise,
  children,
}: {
  lesson: string;
  exercise: EmbedExercise;
  children: ReactNode;
}) {
  const sandbox = useSandbox();
  const [passedAt, setPassedAt] = useState<string | null>(null);
  const [manual, setManual] = useState<Record<string, ManualState>>({});
  const passedRef = useRef(false);
  /** Bumped when the exercise starts over, so a check still running for the old try is dropped. */
  const tryRef = useRef(0);

  const startOver = useCallback(() => {
    tryRef.current++;
    passedRef.current = false;
    setPassedAt(null);
    setManual({});
  }, []);

  const onVerdicts = useCallback(
    (verdicts: CheckVerdict[]) => {
      if (passedRef.current || !verdicts.some((v) => v.id === exercise.id && v.passed)) return;
      passedRef.current = true;
      setPassedAt(new Date().toISOString());
    },
    [exercise.id],
  );

  const checker = useMemo(
    () =>
      sandbox
        ? new ExerciseChecker(sandbox, { exercises: [exercise], isPassed: () => passedRef.current, onVerdicts })
        : null,
    [sandbox, exercise, onVerdicts],
  );

  const autoCheck = useCallback(() => void checker?.runPending(), [checker]);
  useAfterCommand(sandbox, autoCheck, { delayMs: 300 });

  const checkNow = useCallback(
    (id: string) => {
      if (!checker || id !== exercise.id) return;
      const attempt = tryRef.current;
      setManual({ [id]: { checking: true } });
      void checker.checkOne(id).then((result) => {
        if (attempt === tryRef.current) setManual({ [id]: { checking: false, ...result } });
      });
    },
    [checker, exercise.id],
  );

  const value = useMemo<LessonStateValue>(() => {
    const passed = new Set(passedAt ? [exercise.id] : []);
    return {
      slug: lesson,
      progress: { exercises: passedAt ? { [exercise.id]: { passedAt } } : {} },
      passed,
      manual,
      justPassed: passedAt ? exercise.id : null,
      checkNow,
      answerQuiz: () => {},
      restartQuiz: () => {},
      resetProgress: startOver,
    };
  }, [lesson, exercise.id, passedAt, manual, checkNow, startOver]);

  return <LessonStateContext.Provider value={value}>{children}</LessonStateContext.Provider>;
}
