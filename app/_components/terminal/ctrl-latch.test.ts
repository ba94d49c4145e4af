import assert from "node:assert/strict";
import { test } from "node:test";
import { createTerminalAdapter, type XtermLike } from "./adapter";
import { controlCharacter, CtrlLatch } from "./ctrl-latch";

test("control characters: letters either case, the punctuation of 0x40-0x5f, space and ?", () => {
  assert.equal(controlCharacter("c"), "\x03");
  assert.equal(controlCharacter("C"), "\x03");
  assert.equal(controlCharacter("d"), "\x04");
  assert.equal(controlCharacter("z"), "\x1a");
  assert.equal(controlCharacter("["), "\x1b");
  assert.equal(controlCharacter("@"), "\x00");
  assert.equal(controlCharacter(" "), "\x00");
  assert.equal(controlCharacter("?"), "\x7f");
  assert.equal(controlCharacter("1"), null);
  assert.equal(controlCharacter("|"), null);
  assert.equal(controlCharacter("ab"), null);
});

test("the latch takes the next input only, and lets everything else through unchanged", () => {
  const latch = new CtrlLatch();
  const seen: boolean[] = [];
  latch.armed.subscribe((armed) => void seen.push(armed));
  assert.equal(latch.apply("c"), "c", "not armed: as typed");
  latch.toggle();
  assert.equal(latch.apply("c"), "\x03");
  assert.equal(latch.armed.get(), false);
  assert.equal(latch.apply("c"), "c", "one key only");
  latch.toggle();
  assert.equal(latch.apply("\x1b[A"), "\x1b[A", "an arrow key has no control form: sent as it is, and the latch lets go");
  assert.equal(latch.armed.get(), false);
  latch.toggle();
  latch.toggle();
  assert.equal(latch.apply("c"), "c", "pressed twice: off again");
  assert.deepEqual(seen, [true, false, true, false, true, false]);
});

test("in the terminal's input path: Ctrl on the key row, then a letter typed, reaches the guest as ^C", () => {
  const data = new Set<(v: string) => void>();
  const term: XtermLike = {
    cols: 80,
    rows: 24,
    modes: { bracketedPasteMode: false },
    write: () => {},
    onData: (l) => (data.add(l), { dispose: () => void data.delete(l) }),
    onResize: () => ({ dispose: () => {} }),
  };
  const latch = new CtrlLatch();
  const adapter = createTerminalAdapter(term, undefined, latch.apply);
  const sent: string[] = [];
  adapter.onInput((d) => void sent.push(d));
  latch.toggle();
  for (const l of data) l("c");
  for (const l of data) l("ls\r");
  assert.deepEqual(sent, ["\x03", "ls\r"]);
  adapter.dispose();
});
