"use client";
import { useEffect, type RefObject } from "react";

/**
 * Puts an element that scrolls (a long line of code, a wide table) in the tab order while, and
 * only while, its content overflows: a keyboard user can then focus it and scroll it with the
 * arrow keys (WCAG 2.1.1), and a box that fits adds no tab stop.
 */
export function useKeyboardScrollable(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      // Even a pixel of overflow scrolls (and axe counts it): no tolerance.
      const overflows = element.scrollWidth > element.clientWidth || element.scrollHeight > element.clientHeight;
      if (overflows) element.tabIndex = 0;
      else element.removeAttribute("tabindex");
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, [ref]);
}
