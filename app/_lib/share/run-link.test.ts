import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_RUN_CHARS, MAX_RUN_LINES, parseCommands, preparedCommandsOf, runLinkUrl, typedCommands } from "./run-link";

test("a link's commands, one per line, blank lines and trailing blanks dropped", () => {
  assert.deepEqual(preparedCommandsOf("?run=docker%20pull%20busybox%0Adocker%20images%0A%0A"), {
    kind: "commands",
    commands: ["docker pull busybox", "docker images"],
  });
  assert.deepEqual(parseCommands("ls  \r\n\r\n  echo 'a  b'"), { kind: "commands", commands: ["ls", "  echo 'a  b'"] });
  // A lone carriage return ends a line too: shown as two commands, which is what it would run.
  assert.deepEqual(parseCommands("echo a\rrm -rf /"), { kind: "commands", commands: ["echo a", "rm -rf /"] });
  assert.deepEqual(preparedCommandsOf(""), { kind: "none" });
  assert.deepEqual(preparedCommandsOf("?run="), { kind: "none" });
  assert.deepEqual(preparedCommandsOf("?run=%0A%20%0A"), { kind: "none" });
  assert.deepEqual(preparedCommandsOf("?other=1"), { kind: "none" });
});

test("markup and shell syntax are commands like any other: shown as text, run only by the learner", () => {
  assert.deepEqual(parseCommands("<script>alert(1)</script>\n$(rm -rf /)"), {
    kind: "commands",
    commands: ["<script>alert(1)</script>", "$(rm -rf /)"],
  });
});

test("a megabyte is refused at once, by its length", () => {
  const huge = "a".repeat(1 << 20);
  assert.deepEqual(parseCommands(huge), { kind: "too-long", chars: 1 << 20 });
  assert.equal(parseCommands("a".repeat(MAX_RUN_CHARS)).kind, "commands");
  assert.equal(parseCommands("a".repeat(MAX_RUN_CHARS + 1)).kind, "too-long");
});

test("more lines than a link may prepare are refused", () => {
  const lines = Array.from({ length: MAX_RUN_LINES + 1 }, (_, i) => `echo ${i}`).join("\n");
  assert.deepEqual(parseCommands(lines), { kind: "too-many-lines", lines: MAX_RUN_LINES + 1 });
});

test("escape sequences, keys and invisible text are refused, naming the character and its line", () => {
  const cases: Array<[string, string, number]> = [
    ["echo \x1b]0;pwned\x07", "U+001B", 1], // OSC: retitles the terminal
    ["ls\n\x1b[2Jclear", "U+001B", 2], // CSI: clears the screen
    ["\x9b2J", "U+009B", 1], // the 8-bit CSI
    ["ls\tx", "U+0009", 1], // a tab completes in the shell
    ["echo \x03", "U+0003", 1],
    ["echo \x7f", "U+007F", 1],
    ["echo \u202eevil", "U+202E", 1], // right-to-left override: shows one thing, runs another
    ["echo \u2066x\u2069", "U+2066", 1],
    ["echo a\u200bb", "U+200B", 1],
    ["echo \ufeff", "U+FEFF", 1],
    ["echo a\u2028b", "U+2028", 1],
  ];
  for (const [text, codePoint, line] of cases) {
    assert.deepEqual(parseCommands(text), { kind: "control-character", codePoint, line }, JSON.stringify(text));
  }
});

test("typed commands end each line with Enter; links round-trip through their address", () => {
  assert.equal(typedCommands(["docker images", "docker ps -a"]), "docker images\rdocker ps -a\r");
  const commands = ["docker pull busybox:1.36", "docker run --rm busybox echo 'a+b & c'", "echo 你好"];
  const link = runLinkUrl("https://lab.example.org/en/learn/tag/?old=1#x", commands);
  assert.match(link, /^https:\/\/lab\.example\.org\/en\/learn\/tag\/\?run=docker%20pull/);
  assert.deepEqual(preparedCommandsOf(new URL(link).search), { kind: "commands", commands });
  assert.equal(runLinkUrl("https://lab.example.org/en/play/", ["", "  "]), "https://lab.example.org/en/play/");
});
