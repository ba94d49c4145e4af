"use client";
// Tells the host page what happens in the embed, and carries out its commands:
//   events   ready (the terminal is ready), progress (machine or exercise changed),
//            exercise-passed (once per pass), preview (a port opened in the machine)
//   commands check (run the check now), reset (fresh machine, exercise starts over)
// Every accepted command is answered by at least one `progress` event, so a host can tell that
// it arrived. The protocol itself is app/_lib/embed/protocol.ts; docs/embed.md documents it.

import { useCallback, useEffect, useRef } from "react";
import type { Locale } from "@/app/_lib/i18n";
import { hostEvent, type ExercisePassedEvent, type ExerciseStatus, type HostCommand, type PreviewEvent, type ProgressEvent, type ReadyEvent } from "@/app/_lib/embed/protocol";
import { useObservable, useSandboxContext } from "@/app/_components/sandbox/SandboxProvider";
import { checkFeedback } from "@/app/_components/lesson/ExercisesPanel";
import { useLessonState } from "@/app/_components/lesson/LessonState";
import { useHostChannel } from "./useHostChannel";

export function HostBridge({
  lesson,
  exercise,
  locale,
  hostOrigin,
  onFreshTerminal,
  openedPort = null,
}: {
  lesson: string;
  exercise: string;
  locale: Locale;
  hostOrigin: string | null;
  /** Called before a reset command restarts the machine, to start the terminal blank. */
  onFreshTerminal(): void;
  /** The last port that opened in the machine, with a count so the same port opening again is news. */
  openedPort?: { port: number; n: number } | null;
}) {
  const { sandbox, restart } = useSandboxContext();
  const machine = useObservable(sandbox?.status, null) ?? "idle";
  const state = useLessonState();
  const passed = state.passed.has(exercise);
  const manual = state.manual[exercise];
  // "checking" even when passed: a check command on a passed exercise is answered too.
  const status: ExerciseStatus = manual?.checking ? "checking" : passed ? "passed" : "pending";
  const hint = passed ? null : checkFeedback(manual, locale);
  const passedAt = state.progress?.exercises[exercise]?.passedAt ?? null;

  const ids = useRef({ lesson, exercise });
  ids.current = { lesson, exercise };
  const snapshot = useRef<ProgressEvent | null>(null);
  /** When the current try started: the machine first ready, or the last reset command. */
  const startedAt = useRef<number | null>(null);
  const sentPass = useRef<string | null>(null);

  const onCommand = useCallback(
    (command: HostCommand) => {
      const answerAsIs = () => snapshot.current && channel.current?.post(snapshot.current);
      if (command.type === "check") {
        if (machine === "ready") state.checkNow(exercise);
        else answerAsIs();
        return;
      }
      // reset
      state.resetProgress();
      startedAt.current = null;
      if (machine === "ready" && sandbox) {
        onFreshTerminal();
        sandbox.reset().catch(() => undefined); // failures show as the machine's status
      } else if (machine === "crashed" || machine === "destroyed") {
        onFreshTerminal();
        restart();
      } else {
        answerAsIs(); // still loading: the machine is fresh already
      }
    },
    [machine, sandbox, restart, state, exercise, onFreshTerminal],
  );

  const hostChannel = useHostChannel(hostOrigin, onCommand);
  const channel = useRef(hostChannel);
  channel.current = hostChannel;

  // Sent on becoming ready (not when `passed` changes later), with `passed` as it is then.
  const passedNow = useRef(passed);
  passedNow.current = passed;
  useEffect(() => {
    if (machine !== "ready") return;
    startedAt.current ??= Date.now();
    channel.current.post(hostEvent<ReadyEvent>("ready", ids.current, { locale, passed: passedNow.current }));
  }, [machine, locale]);

  useEffect(() => {
    const event = hostEvent<ProgressEvent>("progress", ids.current, { machine, status, hint });
    snapshot.current = event;
    channel.current.post(event);
  }, [machine, status, hint]);

  useEffect(() => {
    if (!passedAt || sentPass.current === passedAt) return;
    sentPass.current = passedAt;
    const time = Date.parse(passedAt);
    channel.current.post(
      hostEvent<ExercisePassedEvent>("exercise-passed", ids.current, {
        time: passedAt,
        elapsedMs: Math.max(0, time - (startedAt.current ?? time)),
      }),
    );
  }, [passedAt]);

  useEffect(() => {
    if (!openedPort) return;
    channel.current.post(hostEvent<PreviewEvent>("preview", ids.current, { port: openedPort.port }));
  }, [openedPort]);

  return null;
}
