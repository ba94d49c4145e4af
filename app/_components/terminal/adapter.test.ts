import assert from "node:assert/strict";
import { test } from "node:test";
import { bufferText, createTerminalAdapter, pasteLarge, type XtermLike } from "./adapter";

function fakeXterm() {
  const data = new Set<(v: string) => void>();
  const resize = new Set<(v: { cols: number; rows: number }) => void>();
  const written: Array<string | Uint8Array> = [];
  const term = {
    cols: 80,
    rows: 24,
    modes: { bracketedPasteMode: true as boolean },
    write: (d: string | Uint8Array) => void written.push(d),
    onData: (l: (v: string) => void) => (data.add(l), { dispose: () => void data.delete(l) }),
    onResize: (l: (v: { cols: number; rows: number }) => void) => (resize.add(l), { dispose: () => void resize.delete(l) }),
  } satisfies XtermLike;
  return { term, data, resize, written };
}

test("adapter forwards writes, input and resizes, and unsubscribes", () => {
  const { term, data, resize, written } = fakeXterm();
  const adapter = createTerminalAdapter(term);
  assert.equal(adapter.cols, 80);
  assert.equal(adapter.rows, 24);

  adapter.write(new Uint8Array([104, 105]));
  assert.equal(written.length, 1);

  const inputs: string[] = [];
  const off = adapter.onInput((d) => inputs.push(d));
  for (const l of data) l("ls\r");
  assert.deepEqual(inputs, ["ls\r"]);
  off();
  assert.equal(data.size, 0);

  const sizes: Array<{ cols: number; rows: number }> = [];
  adapter.onResize((s) => sizes.push(s));
  for (const l of resize) l({ cols: 100, rows: 30 });
  assert.deepEqual(sizes, [{ cols: 100, rows: 30 }]);
});

test("dispose drops every subscription and ignores later writes", () => {
  const { term, data, resize, written } = fakeXterm();
  const adapter = createTerminalAdapter(term);
  adapter.onInput(() => {});
  adapter.onResize(() => {});
  adapter.dispose();
  assert.equal(data.size, 0);
  assert.equal(resize.size, 0);
  adapter.write(new Uint8Array([1]));
  assert.equal(written.length, 0);
  adapter.onInput(() => {});
  assert.equal(data.size, 0);
});

test("bufferText joins lines and trims trailing empty lines", () => {
  const lines = ["$ docker images   ", "REPOSITORY TAG", "", ""];
  const text = bufferText({
    buffer: {
      active: {
        length: lines.length,
        getLine: (i) => ({ translateToString: (trim) => (trim ? lines[i]!.trimEnd() : lines[i]!) }),
      },
    },
  });
  assert.equal(text, "$ docker images\nREPOSITORY TAG");
});

test("a paste bigger than a chunk reaches the listener in paced chunks; dispose drops the rest", () => {
  const { term, data } = fakeXterm();
  const timers: (() => void)[] = [];
  const adapter = createTerminalAdapter(term, { setTimer: (fn) => timers.push(fn), clearTimer: () => timers.splice(0) });
  const inputs: string[] = [];
  adapter.onInput((d) => inputs.push(d));
  for (const l of data) l("z".repeat(3000));
  assert.deepEqual(inputs.map((i) => i.length), [1024]);
  timers.shift()!();
  assert.deepEqual(inputs.map((i) => i.length), [1024, 1024]);
  adapter.dispose();
  assert.equal(timers.length, 0, "the pending chunk's timer is cleared");
});

test("a confirmed large paste goes to every adapter's listener bracketed, paced, with its line ends rewritten as it goes", () => {
  const { term } = fakeXterm();
  const timers: (() => void)[] = [];
  const adapter = createTerminalAdapter(term, { setTimer: (fn) => timers.push(fn), clearTimer: () => timers.splice(0) });
  const inputs: string[] = [];
  adapter.onInput((d) => inputs.push(d));
  const other = createTerminalAdapter(term, { setTimer: (fn) => timers.push(fn), clearTimer: () => {} });
  const otherInputs: string[] = [];
  other.onInput((d) => otherInputs.push(d));
  const line = "echo " + "x".repeat(1018) + "\r\n"; // 1,025 characters: the first "\r\n" straddles a piece edge
  pasteLarge(term, line.repeat(3));
  while (timers.length) timers.shift()!();
  assert.equal(inputs[0], "\x1b[200~");
  assert.equal(inputs.at(-1), "\x1b[201~");
  const body = inputs.slice(1, -1);
  assert.ok(body.length > 1, "sent in pieces");
  assert.ok(body.every((p) => p.length <= 1024 && !p.includes("\n")), "pieces within a chunk, no line feed left");
  assert.equal(body.join(""), ("echo " + "x".repeat(1018) + "\r").repeat(3));
  assert.deepEqual(otherInputs, inputs, "every adapter of the terminal gets it, as with onData");
  other.dispose();
  adapter.dispose();
  pasteLarge(term, "ignored");
  assert.equal(timers.length, 0);
});

test("a confirmed large paste is not bracketed when the shell did not ask for it", () => {
  const { term } = fakeXterm();
  term.modes.bracketedPasteMode = false;
  const adapter = createTerminalAdapter(term, { setTimer: () => 0, clearTimer: () => {} });
  const inputs: string[] = [];
  adapter.onInput((d) => inputs.push(d));
  pasteLarge(term, "a\nb");
  assert.deepEqual(inputs, ["a\rb"]);
});
