import assert from "node:assert/strict";
import { test } from "node:test";
import { ConsoleFanout } from "./console-fanout";
import type { TerminalLike } from "./sandbox";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join("");

/** A terminal that records what it is shown and, with flow control, writes only when told to. */
function terminal(flowControl: boolean) {
  const shown: Uint8Array[] = [];
  const waiting: Array<() => void> = [];
  const term: TerminalLike = {
    flowControl,
    cols: 80,
    rows: 24,
    write: (data, written) => {
      shown.push(data);
      if (written) waiting.push(written);
    },
    onInput: () => () => {},
    onResize: () => () => {},
  };
  return { term, shown, writeOldest: () => waiting.shift()?.() };
}

test("every terminal is shown every chunk; one attached later is shown the backlog first", () => {
  const console = new ConsoleFanout();
  const first = terminal(false);
  console.attach(first.term);
  console.write(bytes("hello "));
  const second = terminal(false);
  console.attach(second.term);
  console.write(bytes("world"));
  assert.equal(text(first.shown), "hello world");
  assert.equal(text(second.shown), "hello world");
});

test("a terminal attached again is shown what it missed; after clearBacklog it starts blank", () => {
  const console = new ConsoleFanout();
  const screen = terminal(false);
  const detach = console.attach(screen.term);
  console.write(bytes("before "));
  detach();
  console.write(bytes("while away"));
  const again = terminal(false);
  console.attach(again.term);
  assert.equal(text(again.shown), "before while away");
  console.clearBacklog();
  const fresh = terminal(false);
  console.attach(fresh.term);
  assert.equal(fresh.shown.length, 0);
});

test("the backlog keeps the newest output within its limit", () => {
  const console = new ConsoleFanout(10);
  for (const part of ["aaaa", "bbbb", "cccc", "dddd"]) console.write(bytes(part));
  const late = terminal(false);
  console.attach(late.term);
  assert.equal(text(late.shown), "ccccdddd");
});

test("written is called once every flow-controlled terminal has written the chunk, in order", () => {
  const console = new ConsoleFanout();
  const fast = terminal(true);
  const slow = terminal(true);
  console.attach(fast.term);
  console.attach(slow.term);
  console.attach(terminal(false).term); // without flow control: never waited for
  const done: string[] = [];
  console.write(bytes("12345"), () => done.push("first"));
  console.write(bytes("678"), () => done.push("second"));
  assert.equal(console.unwrittenBytes, 8);
  fast.writeOldest();
  fast.writeOldest();
  assert.deepEqual(done, []);
  slow.writeOldest();
  assert.deepEqual(done, ["first"]);
  assert.equal(console.unwrittenBytes, 3);
  slow.writeOldest();
  assert.deepEqual(done, ["first", "second"]);
  assert.equal(console.unwrittenBytes, 0);
});

test("with no flow-controlled terminal, written is called at once", () => {
  const console = new ConsoleFanout();
  console.attach(terminal(false).term);
  let done = 0;
  console.write(bytes("x"), () => done++);
  assert.equal(done, 1);
  assert.equal(console.unwrittenBytes, 0);
});

test("a detached terminal no longer holds anything back, and its late callbacks count for nothing", () => {
  const console = new ConsoleFanout();
  const slow = terminal(true);
  const other = terminal(true);
  const detachSlow = console.attach(slow.term);
  console.attach(other.term);
  const done: number[] = [];
  console.write(bytes("abc"), () => done.push(1));
  other.writeOldest();
  assert.equal(done.length, 0);
  detachSlow();
  assert.deepEqual(done, [1]);
  console.write(bytes("d"), () => done.push(2));
  slow.writeOldest(); // the first chunk, written after its terminal left
  assert.deepEqual(done, [1], "the second chunk still waits for the terminal that is attached");
  other.writeOldest();
  assert.deepEqual(done, [1, 2]);
});

test("a terminal that calls back twice is counted once", () => {
  const console = new ConsoleFanout();
  const calls: Array<() => void> = [];
  const twice: TerminalLike = { ...terminal(true).term, write: (_data, written) => void calls.push(written!) };
  const other = terminal(true);
  console.attach(twice);
  console.attach(other.term);
  let done = 0;
  console.write(bytes("a"), () => done++);
  calls[0]();
  calls[0]();
  assert.equal(done, 0, "still waits for the other terminal");
  other.writeOldest();
  assert.equal(done, 1);
});

test("forgetUnwritten stops waiting without calling back", () => {
  const console = new ConsoleFanout();
  const slow = terminal(true);
  console.attach(slow.term);
  let done = 0;
  console.write(bytes("abc"), () => done++);
  console.forgetUnwritten();
  assert.equal(console.unwrittenBytes, 0);
  slow.writeOldest();
  assert.equal(done, 0);
});
