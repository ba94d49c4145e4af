"use client";
import { useEffect, useState } from "react";
import { watchKeyboardInset } from "./keyboard-inset";

/**
 * Follows a touch keyboard opening and closing: sets --dbl-keyboard-inset (its height over the
 * page, 0 when none) and <html data-keyboard="open"> for the layouts to make room, and returns
 * the inset. The terminal's own element then changes size, and AutoFit refits the terminal.
 */
export function useKeyboardInset(): number {
  const [inset, setInset] = useState(0);
  useEffect(() => {
    const root = document.documentElement;
    const stop = watchKeyboardInset(window, (px) => {
      setInset(px);
      root.style.setProperty("--dbl-keyboard-inset", `${px}px`);
      if (px > 0) root.dataset.keyboard = "open";
      else delete root.dataset.keyboard;
    });
    return () => {
      stop();
      root.style.removeProperty("--dbl-keyboard-inset");
      delete root.dataset.keyboard;
    };
  }, []);
  return inset;
}
