import assert from "node:assert/strict";
import { test } from "node:test";
import { ClipboardKeys, NATIVE_PASTE_WAIT_MS, type KeyTerminal } from "./clipboard-keys";
import type { PasteHost } from "./large-paste";

function key(code: string, mods: Partial<Record<"ctrlKey" | "shiftKey" | "altKey" | "metaKey", boolean>> = { ctrlKey: true, shiftKey: true }) {
  let prevented = false;
  const event = { type: "keydown", code, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods, preventDefault: () => (prevented = true) };
  return { event: event as unknown as KeyboardEvent, prevented: () => prevented };
}

function setup(clipboard: string | null = "from the clipboard") {
  const host = new EventTarget();
  let handler: (event: KeyboardEvent) => boolean = () => true;
  let selection = "";
  const term: KeyTerminal = {
    attachCustomKeyEventHandler: (h) => void (handler = h),
    hasSelection: () => selection !== "",
    getSelection: () => selection,
  };
  const did: string[] = [];
  const addon = new ClipboardKeys({
    host: host as unknown as PasteHost,
    copy: (text) => void did.push(`copy ${text}`),
    read: async () => clipboard,
    paste: (text) => void did.push(`paste ${text}`),
    onReadRefused: () => void did.push("refused"),
  });
  addon.activate(term);
  return { addon, host, did, press: (e: KeyboardEvent) => handler(e), select: (text: string) => (selection = text) };
}

test("Ctrl+Shift+C copies the selection, and xterm never sees the key", () => {
  const t = setup();
  t.select("docker ps");
  const c = key("KeyC");
  assert.equal(t.press(c.event), false);
  assert.equal(c.prevented(), true);
  assert.deepEqual(t.did, ["copy docker ps"]);
  t.select("");
  t.press(key("KeyC").event);
  assert.deepEqual(t.did, ["copy docker ps"], "nothing selected, nothing copied");
});

test("other keys go to xterm: Ctrl+C (the guest's interrupt), Ctrl+Alt+Shift+C, key up", () => {
  const t = setup();
  t.select("x");
  assert.equal(t.press(key("KeyC", { ctrlKey: true }).event), true);
  assert.equal(t.press(key("KeyC", { ctrlKey: true, shiftKey: true, altKey: true }).event), true);
  assert.equal(t.press({ ...key("KeyC").event, type: "keyup" } as KeyboardEvent), true);
  assert.deepEqual(t.did, []);
});

test("Ctrl+Shift+V reads the clipboard only when no native paste event follows", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const s = setup();
  assert.equal(s.press(key("KeyV").event), false);
  s.host.dispatchEvent(new Event("paste")); // the browser pasted: xterm has it
  t.mock.timers.tick(NATIVE_PASTE_WAIT_MS);
  await Promise.resolve();
  assert.deepEqual(s.did, []);

  s.press(key("KeyV").event);
  t.mock.timers.tick(NATIVE_PASTE_WAIT_MS);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(s.did, ["paste from the clipboard"]);
});

test("a refused clipboard read is said; after dispose, nothing is read and keys pass", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const s = setup(null);
  s.press(key("KeyV").event);
  t.mock.timers.tick(NATIVE_PASTE_WAIT_MS);
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(s.did, ["refused"]);

  s.press(key("KeyV").event);
  s.addon.dispose();
  t.mock.timers.tick(NATIVE_PASTE_WAIT_MS);
  await Promise.resolve();
  assert.deepEqual(s.did, ["refused"]);
  assert.equal(s.press(key("KeyC").event), true);
});
