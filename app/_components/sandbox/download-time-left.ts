"use client";
import { useEffect, useState } from "react";

/**
 * Whole seconds a download still needs at its average rate so far, or null while that rate says
 * little: in its first second (mostly the round trip and the server's first bytes) and before 5 %
 * of it has arrived. The average, not the last second's rate, so the figure counts down steadily.
 */
export function downloadSecondsLeft(loaded: number, total: number, elapsedMs: number): number | null {
  if (total <= 0 || loaded <= 0 || loaded >= total) return null;
  if (elapsedMs < 1000 || loaded / total < 0.05) return null;
  const bytesPerMs = loaded / elapsedMs;
  return Math.max(1, Math.ceil((total - loaded) / bytesPerMs / 1000));
}

/** downloadSecondsLeft for a download that is running while `active` is true. */
export function useDownloadSecondsLeft(loaded: number, total: number, active: boolean): number | null {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  useEffect(() => setStartedAt(active ? performance.now() : null), [active]);
  if (!active || startedAt === null) return null;
  return downloadSecondsLeft(loaded, total, performance.now() - startedAt);
}
