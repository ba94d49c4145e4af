"use client";
import { useEffect, useState } from "react";

/**
 * Whole seconds since `key` last changed (or since `active` turned true), counted once a second.
 * What shows that a long step is alive without a looping animation: one repaint a second instead
 * of sixty composited frames, which compete with the emulator for the CPU.
 */
export function useSecondsSince(key: unknown, active = true): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setSeconds(0);
    if (!active) return;
    const started = performance.now();
    const timer = setInterval(() => setSeconds(Math.floor((performance.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [key, active]);
  return seconds;
}
