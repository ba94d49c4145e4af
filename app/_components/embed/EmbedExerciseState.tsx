"use client";
// The state of one embedded exercise, served through the lesson pages' LessonStateContext so the
// embed reuses their exercise card, and checked the way the lesson page checks (useExerciseChecks).
// Unlike a lesson page it stores nothing (the host page keeps the record, from the
// `exercise-passed` event): a reload starts the exercise over. As on the site, the terminal's own
// Reset keeps a pass; the host's `reset` command calls resetProgress.

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useSandbox } from "@/app/_components/sandbox/SandboxProvider";
import { LessonStateContext, type LessonStateValue } from "@/app/_components/lesson/LessonState";
import type { CheckVerdict } from "@/app/_lib/exercises/batch";
import { useExerciseChecks } from "@/app/_lib/exercises/use-exercise-checks";

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
  const passedRef = useRef(false);

  const onVerdicts = useCallback(
    (verdicts: CheckVerdict[]) => {
      if (passedRef.current || !verdicts.some((v) => v.id === exercise.id && v.passed)) return;
      passedRef.current = true;
      setPassedAt(new Date().toISOString());
    },
    [exercise.id],
  );

  const exercises = useMemo(() => [exercise], [exercise]);
  const { manual, checkNow, startOver } = useExerciseChecks(sandbox, {
    exercises,
    isPassed: () => passedRef.current,
    onVerdicts,
  });

  const resetProgress = useCallback(() => {
    startOver();
    passedRef.current = false;
    setPassedAt(null);
  }, [startOver]);

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
      resetProgress,
    };
  }, [lesson, exercise.id, passedAt, manual, checkNow, resetProgress]);

  return <LessonStateContext.Provider value={value}>{children}</LessonStateContext.Provider>;
}
