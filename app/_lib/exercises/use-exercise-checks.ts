"use client";
// The one place a page wires exercise checks to its machine, used by the lesson page
// (LessonState.tsx) and the embed (EmbedExerciseState.tsx): checks run shortly after every
// command the learner runs and on demand (the Check button). After startOver() (a reset), a check
// still running reports nothing, so it cannot mark an exercise passed on the machine before.

import { useCallback, useMemo, useRef, useState } from "react";
import type { Sandbox } from "@/emulator/browser";
import type { CheckVerdict } from "./batch";
import { ExerciseChecker, type CheckableExercise, type ManualResult } from "./checker";
import { useAfterCommand } from "./use-after-command";

export type ManualState = { checking: true } | ({ checking: false } & ManualResult);

export interface ExerciseChecksOptions {
  exercises: readonly CheckableExercise[];
  /** Whether an exercise has passed; read at each check, so it may change between renders. */
  isPassed(id: string): boolean;
  /** Verdicts, passed or not, of the automatic checks and the Check button. */
  onVerdicts(verdicts: CheckVerdict[]): void;
  /** False holds the automatic checks back (until stored progress has loaded). Default true. */
  autoCheck?: boolean;
}

export interface ExerciseChecks {
  /** The Check button's state per exercise: checking, or its last result. */
  manual: Readonly<Record<string, ManualState>>;
  /** Runs one exercise's check now. */
  checkNow(id: string): void;
  /** The exercises start over: the Check button's results are cleared and running checks dropped. */
  startOver(): void;
  /** Checks every exercise not passed yet, now. */
  checkPending(): void;
}

export function useExerciseChecks(sandbox: Sandbox | null, options: ExerciseChecksOptions): ExerciseChecks {
  const latest = useRef(options);
  latest.current = options;
  const { exercises, autoCheck = true } = options;
  const [manual, setManual] = useState<Record<string, ManualState>>({});

  const checker = useMemo(
    () =>
      sandbox
        ? new ExerciseChecker(sandbox, {
            exercises,
            isPassed: (id) => latest.current.isPassed(id),
            onVerdicts: (verdicts) => latest.current.onVerdicts(verdicts),
          })
        : null,
    [sandbox, exercises],
  );

  const afterCommand = useCallback(() => {
    if (autoCheck) void checker?.runPending();
  }, [checker, autoCheck]);
  // 150 ms: long enough for the next line of a Run block or a paste to start (which cancels it),
  // short beside the verdict the learner waits for.
  useAfterCommand(sandbox, afterCommand, { delayMs: 150 });

  const checkNow = useCallback(
    (id: string) => {
      if (!checker || !exercises.some((e) => e.id === id)) return;
      setManual((m) => ({ ...m, [id]: { checking: true } }));
      void checker.checkOne(id).then((result) => {
        if (result) setManual((m) => ({ ...m, [id]: { checking: false, ...result } }));
      });
    },
    [checker, exercises],
  );

  const startOver = useCallback(() => {
    checker?.startOver();
    setManual({});
  }, [checker]);

  const checkPending = useCallback(() => void checker?.runPending(), [checker]);

  return useMemo(() => ({ manual, checkNow, startOver, checkPending }), [manual, checkNow, startOver, checkPending]);
}
