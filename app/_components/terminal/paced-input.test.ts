import assert from "node:assert/strict";
import { test } from "node:test";
import { CHUNK_BYTES, PacedInput, pasteSeconds, utf8Length, utf8PieceEnd } from "./paced-input";

/** All the pieces utf8PieceEnd cuts `text` into. */
function splitUtf8(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = utf8PieceEnd(text, start, maxBytes);
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** A manual clock: timers run only when the test advances time. */
function clock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    setTimer: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (h: unknown) => {
      const i = timers.indexOf(h as never);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > end) break;
        timers.shift();
        now = next.at;
        next.fn();
      }
      now = end;
    },
    get now() {
      return now;
    },
  };
}

function paced(options: { chunkBytes?: number; intervalMs?: number } = {}) {
  const c = clock();
  const sent: { at: number; data: string }[] = [];
  const input = new PacedInput((data) => sent.push({ at: c.now, data }), { ...options, setTimer: c.setTimer, clearTimer: c.clearTimer });
  return { input, sent, clock: c };
}

test("utf8PieceEnd never splits a character and keeps every piece within the limit", () => {
  const text = "ab拉取🐳c".repeat(50);
  const pieces = splitUtf8(text, 7);
  assert.equal(pieces.join(""), text);
  for (const p of pieces) assert.ok(utf8Length(p) <= 7, p);
  assert.deepEqual(splitUtf8("🐳", 2), ["🐳"]); // a character larger than the limit goes alone
});

test("keystrokes go out at once", () => {
  const { input, sent } = paced();
  input.push("l");
  input.push("s");
  input.push("\r");
  assert.deepEqual(sent.map((s) => s.data), ["l", "s", "\r"]);
});

test("a big paste goes out in chunks of at most CHUNK_BYTES, paced, in order, markers whole", () => {
  const { input, sent, clock } = paced({ intervalMs: 25 });
  const text = "x".repeat(10 * CHUNK_BYTES + 5);
  input.push(`\x1b[200~${text}\x1b[201~`);
  assert.deepEqual(sent.map((s) => s.data.length), [6, CHUNK_BYTES]); // start marker, first chunk
  input.push("typed"); // waits for the paste
  clock.advance(1000);
  assert.equal(sent.map((s) => s.data).join(""), `\x1b[200~${text}\x1b[201~typed`);
  for (const s of sent) assert.ok(utf8Length(s.data) <= CHUNK_BYTES);
  assert.deepEqual(sent.at(-2)!.data, "\x1b[201~");
  // 10 full chunks: 25 ms after each one before the next.
  const chunkTimes = sent.filter((s) => s.data.length === CHUNK_BYTES).map((s) => s.at);
  assert.deepEqual(chunkTimes, [0, 25, 50, 75, 100, 125, 150, 175, 200, 225]);
});

test("Ctrl+C drops the rest of a paste and closes paste mode", () => {
  const { input, sent, clock } = paced();
  input.push(`\x1b[200~${"y".repeat(5 * CHUNK_BYTES)}\x1b[201~`);
  clock.advance(30);
  input.push("\x03");
  const after = sent.length;
  clock.advance(1000);
  assert.equal(sent.length, after, "nothing more after Ctrl+C");
  assert.deepEqual(sent.slice(-2).map((s) => s.data), ["\x1b[201~", "\x03"]);
  assert.equal(input.pending, 0);
});

test("a large paste takes about bytes / (CHUNK_BYTES per INTERVAL) seconds", () => {
  assert.equal(pasteSeconds(100), 1);
  assert.equal(pasteSeconds(1024 * 1024), 26);
});

test("utf8Length counts what TextEncoder writes, lone surrogates included", () => {
  const encoder = new TextEncoder();
  for (const text of ["", "docker", "é", "拉取镜像", "🐳", "a🐳b", "\ud83d", "\udc33x", "x\ud83d", "\ud83d\ud83d\udc33"]) {
    assert.equal(utf8Length(text), encoder.encode(text).length, JSON.stringify(text));
  }
});
