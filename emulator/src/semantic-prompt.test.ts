import assert from "node:assert/strict";
import { test } from "node:test";
import { SemanticPromptScanner, type PromptMark } from "./semantic-prompt";

function scan(text: string): PromptMark[] {
  const marks: PromptMark[] = [];
  const scanner = new SemanticPromptScanner((m) => marks.push(m));
  for (const byte of Buffer.from(text)) scanner.push(byte);
  return marks;
}

test("finds command starts and prompts, with BEL or ST terminators", () => {
  assert.deepEqual(scan("\x1b]133;A\x07root@lab:~# ls\r\n\x1b]133;C\x07file\r\n\x1b]133;A\x1b\\# "), ["prompt", "command-start", "prompt"]);
});

test("ignores other escape sequences and look-alikes", () => {
  assert.deepEqual(scan("\x1b]0;title\x07\x1b[1;32m\x1b]133;B\x07\x1b]13;A\x07 133;A"), []);
});

test("a mark split across writes still counts once", () => {
  const marks: PromptMark[] = [];
  const scanner = new SemanticPromptScanner((m) => marks.push(m));
  for (const part of ["\x1b]1", "33;", "C", "\x07"]) for (const byte of Buffer.from(part)) scanner.push(byte);
  assert.deepEqual(marks, ["command-start"]);
});
