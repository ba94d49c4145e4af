import assert from "node:assert/strict";
import { test } from "node:test";
import { keyboardInset, watchKeyboardInset, type ViewportLike } from "./keyboard-inset";

function phone(innerHeight = 844) {
  const target = new EventTarget();
  const viewport = {
    height: innerHeight,
    offsetTop: 0,
    scale: 1,
    addEventListener: (type: string, l: () => void) => target.addEventListener(type, l),
    removeEventListener: (type: string, l: () => void) => target.removeEventListener(type, l),
  } satisfies ViewportLike;
  const win = { innerHeight, visualViewport: viewport };
  const set = (part: Partial<Pick<ViewportLike, "height" | "offsetTop" | "scale">>) => {
    Object.assign(viewport, part);
    target.dispatchEvent(new Event("resize"));
  };
  return { win, set, target };
}

test("a keyboard over the bottom of the page is its height; a page scrolled up for it counts too", () => {
  const { win, set } = phone();
  assert.equal(keyboardInset(win), 0);
  set({ height: 544 });
  assert.equal(keyboardInset(win), 300);
  set({ height: 544, offsetTop: 100 });
  assert.equal(keyboardInset(win), 200, "the visible part starts lower: the keyboard covers less of the layout below it");
});

test("no keyboard: small differences (browser bars), a pinch zoom, no visualViewport at all", () => {
  const { win, set } = phone();
  set({ height: 800 });
  assert.equal(keyboardInset(win), 0);
  set({ height: 422, scale: 2 });
  assert.equal(keyboardInset(win), 0);
  assert.equal(keyboardInset({ innerHeight: 844 }), 0);
});

test("the watcher reports the inset at once and on each change, once per change, until stopped", () => {
  const { win, set, target } = phone();
  const seen: number[] = [];
  const stop = watchKeyboardInset(win, (inset) => void seen.push(inset));
  set({ height: 544 });
  set({ height: 544 }); // the same: not reported again
  set({ height: 844 });
  stop();
  set({ height: 500 });
  assert.deepEqual(seen, [0, 300, 0]);
  target.dispatchEvent(new Event("scroll"));
  assert.deepEqual(seen, [0, 300, 0]);
});
