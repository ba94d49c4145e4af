import assert from "node:assert/strict";
import { test } from "node:test";
import { TerminalHookAddon, type HookedTerminal } from "./terminal-hook";

function fakeTerminal() {
  const data = new Set<(v: string) => void>();
  const lines = ["root@lab:~# docker ps", ""];
  const writes: Array<string | Uint8Array> = [];
  const term: HookedTerminal = {
    cols: 80,
    rows: 24,
    modes: { bracketedPasteMode: false },
    write: (d, callback) => {
      writes.push(d);
      callback?.();
    },
    onData: (l) => (data.add(l), { dispose: () => void data.delete(l) }),
    onResize: () => ({ dispose: () => {} }),
    buffer: { active: { length: lines.length, getLine: (i) => ({ translateToString: () => lines[i] }) } },
    element: undefined,
  };
  return { term, writes, type: (text: string) => data.forEach((l) => l(text)), listeners: () => data.size };
}

test("outside test mode only the buffer's text is offered, and dispose takes it away", () => {
  const target: Record<string, unknown> = {};
  const { term } = fakeTerminal();
  const addon = new TerminalHookAddon(target, () => false);
  addon.activate(term);
  assert.equal((target.__dblTerminalText as () => string)(), "root@lab:~# docker ps");
  assert.equal(target.__dblTerminalTest, undefined);
  addon.dispose();
  assert.equal("__dblTerminalText" in target, false);
});

test("in test mode a test writes as the guest, counts every write, and reads what was sent", async () => {
  const target: { __dblTerminalTest?: import("./terminal-hook").TerminalTestHook } = {};
  const { term, writes, type, listeners } = fakeTerminal();
  const addon = new TerminalHookAddon(target, () => true);
  addon.activate(term);
  const hook = target.__dblTerminalTest!;
  await hook.write("héllo");
  term.write("from the guest");
  assert.equal(writes.length, 2);
  assert.equal(hook.writtenBytes, 6 + "from the guest".length);
  type("ls\r");
  assert.deepEqual(hook.sent.map((s) => s.data), ["ls\r"]);
  assert.deepEqual([hook.cols, hook.rows], [80, 24]);
  addon.dispose();
  assert.equal(target.__dblTerminalTest, undefined);
  term.write("after");
  assert.equal(writes.length, 3, "writes still reach the terminal");
  assert.equal(hook.writtenBytes, 6 + "from the guest".length, "and are no longer counted");
  assert.equal(listeners(), 0, "the hook's adapter is gone");
});
