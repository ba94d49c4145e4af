"use client";
// Calls `callback` shortly after each command the learner ran has returned to the prompt
// (the sandbox's `busy` goes from true to false), and once when the machine becomes ready.
// Never calls it while busy: if a new command starts before the delay is over, it waits for that
// one to finish instead.

import { useEffect, useRef } from "react";
import type { Sandbox } from "@/emulator/browser";

export interface AfterCommandOptions {
  /** Wait this long after the prompt returns (default 400 ms) — typing often follows quickly. */
  delayMs?: number;
  /** Also run once when the machine becomes ready (default true)… */
  onReady?: boolean;
  /** …this long after it does (default 2.5 s: the learner's first command usually goes first). */
  readyDelayMs?: number;
}

export function useAfterCommand(
  sandbox: Sandbox | null,
  callback: () => void,
  { delayMs = 400, onReady = true, readyDelayMs = 2_500 }: AfterCommandOptions = {},
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
    const schedule = (ms = delayMs) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, ms);
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
      if (status === "ready" && onReady) schedule(readyDelayMs);
    });
    if (onReady && sandbox.status.get() === "ready") schedule(readyDelayMs);

    return () => {
      offBusy();
      offStatus();
      if (timer) clearTimeout(timer);
    };
  }, [sandbox, delayMs, onReady, readyDelayMs]);
}
