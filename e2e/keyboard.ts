// Shared by the keyboard specs: move the focus with Tab as a keyboard user does, and check at
// every stop that the focus can be seen.

import { expect, type Page } from "@playwright/test";

export interface Focused {
  tag: string;
  text: string;
  testId: string | null;
  href: string | null;
  /** Whether the focused element shows it: an outline, a ring (box-shadow), or the terminal's own ring. */
  visible: boolean;
  isTerminal: boolean;
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: "body", text: "", testId: null, href: null, visible: false, isTerminal: false };
    const style = getComputedStyle(el);
    const terminal = el.closest("[data-testid=terminal-pane]");
    const isTerminal = el.tagName === "TEXTAREA" && !!el.closest("[data-testid=terminal]");
    // xterm's input is an invisible textarea: the pane draws the ring over the terminal instead.
    const ring = terminal?.querySelector<HTMLElement>("[data-testid=terminal-focus-ring]");
    const visible = isTerminal
      ? !!ring && getComputedStyle(ring).opacity === "1"
      : (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) || style.boxShadow !== "none";
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 80),
      testId: el.getAttribute("data-testid"),
      href: el.getAttribute("href"),
      visible,
      isTerminal,
    };
  });
}

/** Presses Tab (or Shift+Tab) until `wanted` is focused; every element passed on the way must show its focus. */
export async function tabTo(page: Page, wanted: (f: Focused) => boolean, { back = false, max = 80 } = {}): Promise<Focused> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    const now = await focused(page);
    path.push(now.testId ?? now.text ?? now.tag);
    expect(now.visible, `the focus on ${now.tag} "${now.text}" (${now.testId ?? "no test id"}) can be seen`).toBe(true);
    if (wanted(now)) return now;
  }
  throw new Error(`not reached with ${max} presses of Tab; went through: ${path.join(" > ")}`);
}
