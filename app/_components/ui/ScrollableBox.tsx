"use client";
import { useRef, type ReactNode } from "react";
import { useKeyboardScrollable } from "./use-keyboard-scrollable";

/** A box that may scroll, reachable with the keyboard while it does (see useKeyboardScrollable). */
export function ScrollableBox({ className, label, children }: { className?: string; label?: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useKeyboardScrollable(ref);
  return (
    <div ref={ref} className={className} role={label ? "region" : undefined} aria-label={label}>
      {children}
    </div>
  );
}
