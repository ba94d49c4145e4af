// How much of the page a touch keyboard covers, from the visual viewport (the part of the page
// on screen). Where the browser resizes the page for the keyboard (Chrome on Android with the
// viewport's interactive-widget=resizes-content), the visual and the layout viewport shrink
// together and this is 0: the page's own height already changed. Where it does not (Safari on
// iOS), the keyboard covers the bottom of the layout viewport, and this says by how much, so the
// terminal can be made that much shorter and still show its last line and the key row.

export interface ViewportLike {
  height: number;
  offsetTop: number;
  scale: number;
  addEventListener(type: "resize" | "scroll", listener: () => void): void;
  removeEventListener(type: "resize" | "scroll", listener: () => void): void;
}

export interface WindowLike {
  innerHeight: number;
  visualViewport?: ViewportLike | null;
}

/** Below this, a difference is the browser's own bars or rounding, not a keyboard. */
const KEYBOARD_MIN_PX = 80;

export function keyboardInset(win: WindowLike): number {
  const viewport = win.visualViewport;
  if (!viewport || viewport.scale > 1.01) return 0; // a pinch zoom is not a keyboard
  const covered = win.innerHeight - viewport.height - viewport.offsetTop;
  return covered >= KEYBOARD_MIN_PX ? Math.round(covered) : 0;
}

/** Calls `onChange` with the inset now and whenever it changes; returns the function that stops. */
export function watchKeyboardInset(win: WindowLike, onChange: (inset: number) => void): () => void {
  const viewport = win.visualViewport;
  let last = keyboardInset(win);
  onChange(last);
  if (!viewport) return () => {};
  const update = () => {
    const inset = keyboardInset(win);
    if (inset === last) return;
    last = inset;
    onChange(inset);
  };
  viewport.addEventListener("resize", update);
  viewport.addEventListener("scroll", update);
  return () => {
    viewport.removeEventListener("resize", update);
    viewport.removeEventListener("scroll", update);
  };
}
