import assert from "node:assert/strict";
import { test } from "node:test";
import { ShellActivity } from "./shell-activity";

test("busy follows the marks; the hooks hear a command start and end", () => {
  const heard: string[] = [];
  const shell = new ShellActivity({ onCommandStart: () => heard.push("start"), onCommandDone: () => heard.push("done") });
  shell.mark("prompt");
  assert.equal(shell.busy.get(), false);
  assert.deepEqual(heard, [], "a prompt with no command before it ends nothing");
  shell.mark("command-start");
  assert.equal(shell.busy.get(), true);
  shell.mark("prompt");
  assert.equal(shell.busy.get(), false);
  assert.deepEqual(heard, ["start", "done"]);
});

test("nextPrompt resolves at the next prompt mark, and rejects when none comes in time", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const shell = new ShellActivity();
  const waiting = shell.nextPrompt(1_000);
  shell.mark("command-start");
  shell.mark("prompt");
  await waiting;
  const late = shell.nextPrompt(1_000);
  t.mock.timers.tick(1_000);
  await assert.rejects(late, /did not answer/);
});

test("lull waits for a silent console with no command running, or for the deadline", async () => {
  const shell = new ShellActivity();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let quiet = false;
  shell.noteOutput();
  shell.mark("command-start");
  const lull = shell.lull(60, 10_000, () => false).then(() => (quiet = true));
  await sleep(120);
  assert.equal(quiet, false, "a command runs");
  shell.mark("prompt");
  shell.noteOutput();
  await sleep(20);
  assert.equal(quiet, false, "the console printed 20 ms ago");
  await lull;

  shell.mark("command-start");
  const started = performance.now();
  await shell.lull(60, 150, () => false);
  assert.ok(performance.now() - started >= 140, "the deadline ends a lull that never comes");
  let gone = false;
  const ended = shell.lull(60, 10_000, () => gone);
  gone = true;
  await ended; // the machine went away: no need to wait any longer
});
