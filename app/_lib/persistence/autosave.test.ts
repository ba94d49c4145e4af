import assert from "node:assert/strict";
import { test } from "node:test";
import { AutosaveScheduler } from "./autosave";

function scheduler(save: (reason: string) => Promise<void> = async () => {}) {
  const calls: string[] = [];
  let tick: () => void = () => {};
  const s = new AutosaveScheduler({
    save: async (r) => (calls.push(r), save(r)),
    setInterval: (fn) => ((tick = fn), 1),
    clearInterval: () => {},
  });
  return { s, calls, tick: () => tick() };
}

test("the timer saves only when the machine was used since the last save, and not mid-command", async () => {
  const { s, calls, tick } = scheduler();
  tick();
  assert.deepEqual(calls, []);
  s.noteBusy(true);
  tick(); // a command is running
  assert.deepEqual(calls, []);
  s.noteBusy(false);
  tick();
  await Promise.resolve();
  assert.deepEqual(calls, ["timer"]);
  tick();
  assert.deepEqual(calls, ["timer"]);
});

test("hiding the tab saves if used; Save always saves", async () => {
  const { s, calls } = scheduler();
  assert.equal(s.onHidden(), null);
  s.markUsed();
  await s.onHidden();
  await s.saveNow();
  assert.deepEqual(calls, ["hidden", "manual"]);
  assert.equal(s.dirty, false);
});

test("saves never overlap; requests during a save share one follow-up", async () => {
  let release!: () => void;
  let active = 0, maxActive = 0;
  const { s, calls } = scheduler(async () => {
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise<void>((r) => (release = r));
    active--;
  });
  const a = s.saveNow();
  const b = s.saveNow();
  const c = s.saveNow();
  assert.equal(b, c);
  release();
  await a;
  await new Promise((r) => setImmediate(r));
  release();
  await b;
  assert.equal(calls.length, 2);
  assert.equal(maxActive, 1);
});

test("a failed save leaves the machine marked as used", async () => {
  const { s } = scheduler(async () => {
    throw new Error("full");
  });
  s.markUsed();
  await assert.rejects(s.saveNow());
  assert.equal(s.dirty, true);
});

test("settled waits for the running save and the one queued behind it, whatever their outcome", async () => {
  const finish: Array<() => void> = [];
  const { s, calls } = scheduler(() => new Promise<void>((resolve, reject) => finish.push(calls.length === 1 ? () => reject(new Error("full")) : resolve)));
  await s.settled(); // nothing running: at once
  void s.saveNow("manual").catch(() => {});
  void s.saveNow("handover").catch(() => {});
  let settled = false;
  const waiting = s.settled().then(() => (settled = true));
  finish[0](); // the first fails
  for (let i = 0; i < 10; i++) await Promise.resolve();
  assert.equal(settled, false, "the queued save still runs");
  assert.deepEqual(calls, ["manual", "handover"]);
  finish[1]();
  await waiting;
  assert.equal(s.saving, false);
});
