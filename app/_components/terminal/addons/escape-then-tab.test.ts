import assert from "node:assert/strict";
import { test } from "node:test";
import { ESCAPE_WINDOW_MS, EscapeThenTab, type KeyHost } from "./escape-then-tab";

/** A host element and the xterm textarea inside it: a key reaches xterm unless the addon stops it. */
function setup() {
  const listeners = new Set<(event: KeyboardEvent) => void>();
  const host: KeyHost = {
    addEventListener: (_type, l) => void listeners.add(l),
    removeEventListener: (_type, l) => void listeners.delete(l),
  };
  const sent: string[] = [];
  const toXterm: string[] = [];
  const armed: boolean[] = [];
  const addon = new EscapeThenTab(host, { onArmed: (a) => void armed.push(a) });
  addon.activate({ input: (data) => void sent.push(data) });
  /** Presses a key; returns whether the browser's default (moving the focus, for Tab) still happens. */
  const press = (key: string, mods: Partial<KeyboardEvent> = {}) => {
    let stopped = false;
    let prevented = false;
    const event = {
      key,
      ctrlKey: false,
      altKey: false,
      metaKey: false,
      shiftKey: false,
      isComposing: false,
      ...mods,
      stopPropagation: () => void (stopped = true),
      preventDefault: () => void (prevented = true),
    } as unknown as KeyboardEvent;
    for (const l of listeners) l(event);
    if (!stopped) toXterm.push(key);
    return { defaultAction: !prevented && stopped };
  };
  return { addon, sent, toXterm, armed, press, listeners };
}

test("Esc then Tab leaves the terminal: neither key reaches the guest, the browser moves the focus", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const s = setup();
  s.press("Escape");
  assert.deepEqual(s.armed, [true]);
  const tab = s.press("Tab");
  assert.equal(tab.defaultAction, true, "Tab is not prevented: the focus moves on");
  assert.deepEqual(s.toXterm, []);
  t.mock.timers.tick(ESCAPE_WINDOW_MS * 2);
  assert.deepEqual(s.sent, [], "the held Esc was dropped");
  assert.deepEqual(s.armed, [true, false]);
});

test("Esc then Shift+Tab leaves backwards: the Shift key on its way does not end the hold", () => {
  const s = setup();
  s.press("Escape");
  s.press("Shift", { shiftKey: true });
  s.press("Tab", { shiftKey: true });
  assert.deepEqual(s.toXterm, ["Shift"], "xterm sees the Shift alone (it sends nothing for it), not the Tab");
  assert.deepEqual(s.sent, []);
});

test("Esc then another key: the Esc goes first, then the key as usual (vi, Meta+key)", () => {
  const s = setup();
  s.press("Escape");
  s.press(":");
  assert.deepEqual(s.sent, ["\x1b"]);
  assert.deepEqual(s.toXterm, [":"]);
});

test("a lone Esc reaches the guest after the window", (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const s = setup();
  s.press("Escape");
  t.mock.timers.tick(ESCAPE_WINDOW_MS - 1);
  assert.deepEqual(s.sent, []);
  t.mock.timers.tick(1);
  assert.deepEqual(s.sent, ["\x1b"]);
  s.press("Tab");
  assert.deepEqual(s.toXterm, ["Tab"], "after the window, Tab completes in the shell again");
});

test("Esc Esc sends one at once and holds the second; Tab alone and Ctrl+Esc are the terminal's", () => {
  const s = setup();
  s.press("Tab");
  assert.deepEqual(s.toXterm, ["Tab"]);
  s.press("Escape", { ctrlKey: true });
  assert.deepEqual(s.toXterm, ["Tab", "Escape"]);
  s.press("Escape");
  s.press("Escape");
  assert.deepEqual(s.sent, ["\x1b"]);
  s.press("Tab");
  assert.deepEqual(s.sent, ["\x1b"]);
  assert.deepEqual(s.toXterm, ["Tab", "Escape"]);
});

test("keys during an IME composition are the composition's; dispose drops a held Esc and the listener", () => {
  const s = setup();
  s.press("Escape", { isComposing: true });
  assert.deepEqual(s.armed, []);
  s.press("Escape");
  s.addon.dispose();
  assert.deepEqual(s.sent, []);
  assert.equal(s.listeners.size, 0);
});
