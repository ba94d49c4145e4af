"use client";
import { useCallback, useSyncExternalStore } from "react";

/** Whether a CSS media query matches, kept current; `serverValue` before hydration. */
export function useMediaQuery(query: string, serverValue = false): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => serverValue,
  );
}

/** A phone or a tablet: the main pointer is a finger. */
export const COARSE_POINTER = "(pointer: coarse)";
/** Wide enough for the lesson and its terminal side by side (Tailwind's lg). */
export const SIDE_BY_SIDE = "(min-width: 64rem)";
