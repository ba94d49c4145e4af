"use client";
// Calls `callback` shortly after each command the learner ran has returned to the prompt
// (the sandbox's `busy` goes from true to false), and once when the machine becomes ready.
// Never calls it while busy: if a new command starts before the delay is over, it waits for that
// one to finish instead.

import { useEffect, useRef } from "react";
import type { Sandbox } from "@/emulator/src/sandbox";

export interface AfterCommandOptions {
  /** Wait this long after the prompt returns (default 400 ms) — typing often follows quickly. */
  delayMs?: number;
  /** Also run once when the machine becomes ready (default true). */
  onReady?: boolean;
}

export function useAfterCommand(
  sandbox: Sandbox | null,
  callback: () => void,
  { delayMs = 400, onReady = true }: AfterCommandOptions = {},
): void {
  const latest = useRef(callback);
  useEffect(() => {
    latest.current = callback;
  }, [callback]);

  useEffect(() => {
    if (!sandbox) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wasBusy = sandbox.busy.get();

    const fire = () => {
      timer = undefined;
      if (sandbox.busy.get() || sandbox.status.get() !== "ready") return;
      latest.current();
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, delayMs);
    };

    const offBusy = sandbox.busy.subscribe((busy) => {
      if (busy && timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      if (wasBusy && !busy) schedule();
      wasBusy = busy;
    });
    const offStatus = sandbox.status.subscribe((status) => {
      if (status === "ready" && onReady) schedule();
    });
    if (onReady && sandbox.status.get() === "ready") schedule();

    return () => {
      offBusy();
      offStatus();
      if (timer) clearTimeout(timer);
    };
  }, [sandbox, delayMs, onReady]);
}
