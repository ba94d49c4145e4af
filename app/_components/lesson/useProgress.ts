"use client";
import { useEffect, useState } from "react";
import { loadProgress, subscribeProgress, type Progress } from "@/app/_lib/progress";

/** The learner's progress as stored in this browser, kept current; null until it has loaded. */
export function useProgress(): Progress | null {
  const [progress, setProgress] = useState<Progress | null>(null);
  useEffect(() => {
    let alive = true;
    void loadProgress().then((p) => alive && setProgress(p));
    const off = subscribeProgress(setProgress);
    return () => {
      alive = false;
      off();
    };
  }, []);
  return progress;
}
