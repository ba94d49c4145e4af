import assert from "node:assert/strict";
import { test } from "node:test";
import { FakeSandbox } from "./fake-sandbox";
import type { SandboxStatus, TerminalLike } from "../sandbox";

function fakeTerminal() {
  const inputs = new Set<(d: string) => void>();
  const resizes = new Set<(s: { cols: number; rows: number }) => void>();
  let text = "";
  const decoder = new TextDecoder();
  const term: TerminalLike = {
    cols: 80,
    rows: 24,
    write: (data) => void (text += decoder.decode(data)),
    onInput: (l) => (inputs.add(l), () => void inputs.delete(l)),
    onResize: (l) => (resizes.add(l), () => void resizes.delete(l)),
  };
  return {
    term,
    type: (d: string) => inputs.forEach((l) => l(d)),
    resize: (cols: number, rows: number) => resizes.forEach((l) => l({ cols, rows })),
    text: () => text,
    listeners: () => inputs.size + resizes.size,
  };
}

test("start walks through the phases to ready, reporting progress", async () => {
  const sandbox = new FakeSandbox({ downloadBytes: 1000 });
  const seen: SandboxStatus[] = [];
  sandbox.status.subscribe((s) => seen.push(s));
  let maxLoaded = 0;
  sandbox.progress.subscribe((p) => (maxLoaded = Math.max(maxLoaded, p.loaded)));
  await sandbox.start();
  assert.deepEqual(seen, ["downloading", "restoring", "starting-docker", "ready"]);
  assert.equal(maxLoaded, 1000);
  assert.equal(sandbox.error.get(), null);
});

test("cold boot goes through booting and prints a kernel line", async () => {
  const sandbox = new FakeSandbox();
  const t = fakeTerminal();
  sandbox.attachTerminal(t.term);
  const seen: SandboxStatus[] = [];
  sandbox.status.subscribe((s) => seen.push(s));
  await sandbox.start({ coldBoot: true });
  assert.ok(seen.includes("booting"));
  assert.match(t.text(), /Linux version/);
});

test("the terminal echoes input and runs commands, toggling busy", async () => {
  const sandbox = new FakeSandbox({ commands: { "docker images": "REPOSITORY   TAG\nbusybox      latest\n" } });
  const t = fakeTerminal();
  const detach = sandbox.attachTerminal(t.term);
  await sandbox.start();
  const busy: boolean[] = [];
  sandbox.busy.subscribe((b) => busy.push(b));
  t.type("docker images\r");
  assert.match(t.text(), /\$ docker images\r\nREPOSITORY {3}TAG\r\nbusybox {6}latest\r\n\$ $/);
  assert.deepEqual(busy, [true, false]);
  sandbox.sendInput("nope\r");
  assert.match(t.text(), /sh: nope: not found/);
  t.resize(120, 40);
  assert.deepEqual(sandbox.size, { cols: 120, rows: 40 });
  detach();
  assert.equal(t.listeners(), 0);
});

test("exec answers from the command table and records calls", async () => {
  const sandbox = new FakeSandbox({ commands: { "docker ps -q": "abc\n" } });
  await assert.rejects(sandbox.exec("docker ps -q"), /machine is idle/);
  await sandbox.start();
  assert.deepEqual(await sandbox.exec("docker ps -q"), { exitCode: 0, stdout: "abc\n", stderr: "", timedOut: false });
  assert.equal((await sandbox.exec("false-command")).exitCode, 127);
  assert.deepEqual(sandbox.calls.exec, ["docker ps -q", "docker ps -q", "false-command"]);
});

test("a failing start crashes with a reason; crash() and destroy() update status", async () => {
  const failing = new FakeSandbox({ failStartWith: "guest image missing" });
  await assert.rejects(failing.start(), /guest image missing/);
  assert.equal(failing.status.get(), "crashed");
  assert.equal(failing.error.get(), "guest image missing");

  const sandbox = new FakeSandbox();
  await sandbox.start();
  sandbox.crash("out of memory");
  assert.equal(sandbox.status.get(), "crashed");
  await sandbox.reset();
  assert.equal(sandbox.status.get(), "ready");
  assert.equal(sandbox.error.get(), null);
  assert.equal(sandbox.calls.resets, 1);
  assert.ok((await sandbox.save()).data.byteLength > 0);
  await sandbox.destroy();
  assert.equal(sandbox.status.get(), "destroyed");
  await assert.rejects(sandbox.start(), /destroyed/);
});
